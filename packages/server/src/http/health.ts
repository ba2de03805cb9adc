import { Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { onlyMethods } from './method-not-allowed.js';

/** `GET /health`: 200 `{ status: 'ok', checks }`, or 503 with the failing checks. */
export function healthRouter(ops: HubOps): Router {
  const router = Router();
  router.get('/health', (_req, res, next) => {
    ops
      .health()
      .then((report) => res.status(report.status === 'ok' ? 200 : 503).json(report))
      .catch(next);
  });
  onlyMethods(router, '/health', ['GET']);
  return router;
}
