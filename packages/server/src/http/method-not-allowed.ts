import type { Router } from 'express';
import { HttpError } from './http-error.js';

/**
 * Answers every other method on a known path: 405 with `Allow`, or 204 with `Allow` for a plain
 * `OPTIONS` (CORS preflights were answered before). Register after the path's real handlers.
 */
export function onlyMethods(router: Router, path: string, methods: readonly string[]): void {
  const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  router.all(path, (req, res) => {
    res.set('Allow', allow);
    if (req.method === 'OPTIONS') return void res.status(204).end();
    throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}; use ${methods.join(' or ')}`, { allow: methods });
  });
}
