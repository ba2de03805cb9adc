import { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Serves the root's `index.html` at `/`, the page of the demo app. */
export function demoPageRouter(root: string): Router {
  const router = Router();
  const page = join(root, 'index.html');
  router.get('/', (_req, res, next) => {
    if (!existsSync(page)) return next();
    res.set('Cache-Control', 'no-cache').sendFile(page);
  });
  return router;
}
