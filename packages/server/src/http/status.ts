import { Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { onlyMethods } from './method-not-allowed.js';

/** `GET /status`: mode, version, uptime, folders, counts per kind, connections and active alerts. */
export function statusRouter(ops: HubOps): Router {
  const router = Router();
  router.get('/status', (_req, res) => void res.json(ops.status()));
  onlyMethods(router, '/status', ['GET']);
  return router;
}
