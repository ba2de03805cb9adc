import type { RequestHandler } from 'express';

/**
 * First path segments of the hub's routes (`/hothub/client.js`, `/assets/…`, `/status`, …). A request
 * outside them is none of the hub's business: mounted in an app, even at `/`, the hub lets it through
 * untouched (no Host check, CORS or path fence), so the app's own routes keep answering.
 * test/hub-paths.test.ts checks every route of the OpenAPI document is listed.
 */
const HUB_SEGMENTS: ReadonlySet<string> = new Set([
  'hothub',
  'assets',
  'health',
  'status',
  'metrics',
  'clients',
  'reload',
  'publish',
  'rollback',
  'wizards',
  'plugins',
  'webhook',
  'openapi.json',
]);

/**
 * Segments apps use too: only the hub's exact routes there are its own, so an app's `GET /config/…` or
 * `POST /config` still reaches the app at `/` (issue 14) while `PATCH /config/<id>` updates a config (issue 16).
 */
const SHARED_SEGMENTS: ReadonlyMap<string, (method: string, path: string) => boolean> = new Map([
  ['config', (method, path) => method === 'PATCH' && /^\/config\/[^/]+$/.test(path)],
]);

/** Whether `method path` (the path relative to where the hub is mounted) is one of the hub's routes. */
export function isHubPath(path: string, method = 'GET'): boolean {
  const segment = path.split('/', 2)[1] ?? '';
  return HUB_SEGMENTS.has(segment) || (SHARED_SEGMENTS.get(segment)?.(method.toUpperCase(), path) ?? false);
}

/**
 * First middleware of the hub's app: any other request leaves the app at once (`next('router')` → the
 * mounting app's `next()`). A CORS preflight is judged by the method it asks for.
 */
export const hubPathsOnly: RequestHandler = (req, _res, next) => {
  const method = req.method === 'OPTIONS' ? (req.get('access-control-request-method') ?? req.method) : req.method;
  next(isHubPath(req.path, method) ? undefined : 'router');
};
