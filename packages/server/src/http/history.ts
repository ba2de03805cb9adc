import { HistoryQuery, type ReloadHistory } from '@hothub/shared';
import { type RequestHandler, Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { parseBody } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';

/** `GET /reload/history?limit&trigger&kind&id&success&since&until` (ms or ISO 8601), with `total` matched: recent events, newest first (limit ≤ 500); `guards` run first (the token: events carry paths and content). */
export function historyRouter(ops: HubOps, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/reload/history', ...guards, (req, res) => {
    const body: ReloadHistory = ops.history(parseBody(HistoryQuery, req.query, 'query'));
    res.json(body);
  });
  onlyMethods(router, '/reload/history', ['GET']);
  return router;
}
