import type { SocketData } from '@hothub/shared';
import type { ServerOptions } from 'socket.io';
import { type AccessPolicy, hostAllowed, hostRefusal, originAllowed, originRefusal } from '../access/access-policy.js';
import { secretMatches } from '../util/secrets.js';

const MAX_LOGGED_REFUSALS = 100;

/** Loopback pages and the hub's own may connect; no token. */
export const DEFAULT_ACCESS: AccessPolicy = { origins: [], allowedHosts: [], token: undefined };

/**
 * socket.io options for an access policy. CORS headers only guard the polling transport, so
 * `allowRequest` refuses a handshake (WebSocket included) whose `Host` or `Origin` the policy does not
 * allow; engine.io answers 403 with the hint as `message`, and `onRefused` gets each distinct hint once
 * (a refused page retries every few seconds) for the hub's log.
 * Clients that send no `Origin` (not a browser) pass here and meet the token check.
 */
export function socketAccessOptions(policy: AccessPolicy, onRefused: (hint: string) => void = () => undefined): Partial<ServerOptions> {
  const told = new Set<string>();
  return {
    // Same-origin pages need no CORS headers; their handshakes are let through by `allowRequest`.
    cors: { origin: (origin, callback) => callback(null, origin !== undefined && originAllowed(policy, origin, undefined)) },
    allowRequest: (req, callback) => {
      const { host, origin } = req.headers;
      const refusal = !hostAllowed(policy, host)
        ? hostRefusal(host)
        : origin !== undefined && !originAllowed(policy, origin, host)
          ? originRefusal(origin)
          : undefined;
      if (refusal !== undefined && !told.has(refusal) && told.size < MAX_LOGGED_REFUSALS) {
        told.add(refusal);
        onRefused(refusal);
      }
      callback(refusal ?? null, refusal === undefined);
    },
  };
}

/**
 * `io.use` middleware, after `validateHandshake`: with a token set, the validated handshake's `token`
 * must match (constant time). The handshake is validated once, so a wrong field is named as such.
 */
export function requireHandshakeToken(token: string | undefined) {
  // `data` is optional only so the check fits `throttleFailedHandshakes`; socket.io always sets it.
  return (socket: { handshake: unknown; data?: SocketData }, next: (error?: Error) => void): void => {
    if (token === undefined) return next();
    const presented = socket.data?.handshake?.token;
    if (presented === undefined) return next(new Error('unauthorized: send the hub token in the handshake (auth: { token })'));
    if (!secretMatches(presented, token)) return next(new Error('unauthorized: the token is not valid'));
    next();
  };
}
