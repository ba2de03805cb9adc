import { Handshake, validate } from '@hothub/shared';
import type { ServerOptions } from 'socket.io';
import { type CorsPolicy, originAllowed } from '../http/cors.js';
import { secretMatches } from '../ops/secrets.js';

/** Anyone may connect: no allowlist and no token, as with Vite's dev server. */
export const OPEN_ACCESS: CorsPolicy = { origins: [], token: undefined };

/**
 * socket.io options for an access policy. CORS headers only guard the polling transport, so with an
 * allowlist `allowRequest` also refuses a handshake whose `Origin` is not on it (WebSocket included).
 * Clients that send no `Origin` (not a browser) pass here and meet the token check.
 */
export function socketAccessOptions(policy: CorsPolicy): Partial<ServerOptions> {
  if (!policy.origins.length) return policy.token === undefined ? { cors: { origin: true } } : {};
  return {
    cors: { origin: [...policy.origins] },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || originAllowed(policy, origin));
    },
  };
}

/** `io.use` middleware: with a token set, the handshake's `auth.token` must match (constant time). */
export function requireHandshakeToken(token: string | undefined) {
  return (socket: { handshake: { auth: unknown } }, next: (error?: Error) => void): void => {
    if (token === undefined) return next();
    const handshake = validate(Handshake, socket.handshake.auth, 'handshake');
    const presented = handshake.ok ? handshake.value.token : undefined;
    if (presented === undefined) return next(new Error('unauthorized: send the hub token in the handshake (auth: { token })'));
    if (!secretMatches(presented, token)) return next(new Error('unauthorized: the token is not valid'));
    next();
  };
}
