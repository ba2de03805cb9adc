import type { ClientList } from '@hothub/shared';
import { type RequestHandler, Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { onlyMethods } from './method-not-allowed.js';

/** `GET /clients`: the connected pages of every hub and what each applied; `guards` run first (the token: pages' URLs and versions). */
export function clientsRouter(ops: HubOps, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/clients', ...guards, async (_req, res) => {
    const body: ClientList = { pages: await ops.everyClient() };
    res.json(body);
  });
  onlyMethods(router, '/clients', ['GET']);
  return router;
}
