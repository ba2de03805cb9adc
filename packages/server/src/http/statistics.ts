import { Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { onlyMethods } from './method-not-allowed.js';

/** `GET /reload/statistics`: totals, success rate, rollbacks, per kind, p50/p95 duration. */
export function statisticsRouter(ops: HubOps): Router {
  const router = Router();
  router.get('/reload/statistics', (_req, res) => void res.json(ops.statistics()));
  onlyMethods(router, '/reload/statistics', ['GET']);
  return router;
}
