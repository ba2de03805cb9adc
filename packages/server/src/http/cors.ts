import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';

export interface CorsPolicy {
  /** `--cors-origin` values; empty means no allowlist. */
  origins: readonly string[];
  /** With a token and no allowlist, no cross-origin page is allowed (never a wildcard). */
  token: string | undefined;
}

/** Whether a page from `origin` may call the hub: on the allowlist, or anyone when neither an allowlist nor a token is set. */
export function originAllowed(policy: CorsPolicy, origin: string): boolean {
  return policy.origins.length ? policy.origins.includes(origin) : policy.token === undefined;
}

/**
 * CORS for the API: allowed origins get `Access-Control-Allow-Origin` (their own origin with an
 * allowlist, `*` in open dev use), preflights get 204 or a JSON 403. The SDK script and assets set
 * their own `*` so any page can load them.
 */
export function cors(policy: CorsPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin === undefined) return next();
    res.vary('Origin');
    const allowed = originAllowed(policy, origin);
    if (allowed) res.set('Access-Control-Allow-Origin', policy.origins.length ? origin : '*');
    if (req.method !== 'OPTIONS' || !req.get('access-control-request-method')) return next();
    if (!allowed) return next(new HttpError(403, 'origin_not_allowed', `origin ${origin} may not call this hub; allow it with --cors-origin`));
    res.set({
      'Access-Control-Allow-Methods': 'GET, HEAD, POST',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, webhook-id, webhook-timestamp, webhook-signature',
      'Access-Control-Max-Age': '600',
    });
    res.status(204).end();
  };
}
