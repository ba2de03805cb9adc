import { HistoryQuery, type ReloadHistory } from '@hothub/shared';
import { Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { parseBody } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';

/** `GET /reload/history?limit&trigger&kind&success`: recent events, newest first (limit ≤ 500). */
export function historyRouter(ops: HubOps): Router {
  const router = Router();
  router.get('/reload/history', (req, res) => {
    const body: ReloadHistory = { events: ops.history(parseBody(HistoryQuery, req.query, 'query')) };
    res.json(body);
  });
  onlyMethods(router, '/reload/history', ['GET']);
  return router;
}
