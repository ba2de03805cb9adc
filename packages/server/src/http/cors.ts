import type { RequestHandler } from 'express';
import { type AccessPolicy, originAllowed, originRefusal } from '../access/access-policy.js';
import { HttpError } from './http-error.js';

/**
 * CORS for the API and the assets: an allowed origin (`access-policy.ts`) gets its own origin back in
 * `Access-Control-Allow-Origin`, never a wildcard; any other gets no grant, and a JSON 403 on preflight.
 * The SDK scripts set their own `*` (client-script.ts): they hold no project data.
 */
export function cors(policy: AccessPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin === undefined) return next();
    res.vary('Origin');
    const allowed = originAllowed(policy, origin, req.get('host'));
    if (allowed) res.set('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS' || !req.get('access-control-request-method')) return next();
    if (!allowed) return next(new HttpError(403, 'origin_not_allowed', originRefusal(origin)));
    res.set({
      'Access-Control-Allow-Methods': 'GET, HEAD, POST',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, webhook-id, webhook-timestamp, webhook-signature',
      'Access-Control-Max-Age': '600',
    });
    res.status(204).end();
  };
}
