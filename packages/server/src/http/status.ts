import { Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { requireToken } from './auth.js';
import { onlyMethods } from './method-not-allowed.js';

/**
 * `GET /status`: mode, version, uptime, folders, counts per kind, connections, active alerts and the
 * access policy. With a token set, the folders need it: a request without `Authorization` gets the rest.
 */
export function statusRouter(ops: HubOps): Router {
  const router = Router();
  const checkToken = requireToken(ops.settings.token);
  router.get('/status', (req, res, next) => {
    if (ops.settings.token !== undefined && req.get('authorization') === undefined) return void res.json(ops.status({ details: false }));
    checkToken(req, res, (error) => (error ? next(error) : void res.json(ops.status({ details: true }))));
  });
  onlyMethods(router, '/status', ['GET']);
  return router;
}
