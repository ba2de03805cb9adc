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
  'rollback',
  'config',
  'wizards',
  'plugins',
  'webhook',
  'openapi.json',
]);

/** Whether `path` (relative to where the hub is mounted) is one of the hub's routes. */
export function isHubPath(path: string): boolean {
  return HUB_SEGMENTS.has(path.split('/', 2)[1] ?? '');
}

/** First middleware of the hub's app: any other path leaves the app at once (`next('router')` → the mounting app's `next()`). */
export const hubPathsOnly: RequestHandler = (req, _res, next) => next(isHubPath(req.path) ? undefined : 'router');
