import { Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { onlyMethods } from './method-not-allowed.js';

/** `GET /metrics`: Prometheus text format, or prom-client's JSON when the client prefers `application/json`. */
export function metricsRouter(ops: HubOps): Router {
  const router = Router();
  const { registry } = ops.metrics;
  router.get('/metrics', async (req, res) => {
    if (req.accepts(['text/plain', 'application/json']) === 'application/json') {
      res.json(await registry.getMetricsAsJSON());
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  });
  onlyMethods(router, '/metrics', ['GET']);
  return router;
}
