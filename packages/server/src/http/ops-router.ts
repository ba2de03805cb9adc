import { Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { requireToken } from './auth.js';
import { clientsRouter } from './clients.js';
import { healthRouter } from './health.js';
import { historyRouter } from './history.js';
import { metricsRouter } from './metrics.js';
import { openApiRouter } from './openapi.js';
import { publishRouter } from './publish.js';
import { rateLimit } from './rate-limit.js';
import { reloadRouter } from './reload.js';
import { statisticsRouter } from './statistics.js';
import { statusRouter } from './status.js';
import { webhookRouter } from './webhook.js';

/**
 * The operations API. Mutating endpoints share one rate limit per client, checked before the
 * token (so guessing is throttled too) and before any body is read.
 */
export function opsRouter(ops: HubOps): Router {
  const limit = rateLimit(ops.settings.rateLimit);
  return Router().use(
    healthRouter(ops),
    statusRouter(ops),
    metricsRouter(ops),
    reloadRouter(ops, [limit, requireToken(ops.settings.token)]),
    // Application events come in bursts a reload never does: a budget of their own, the same size (`--rate-limit`).
    publishRouter(ops, [rateLimit(ops.settings.rateLimit), requireToken(ops.settings.token)]),
    historyRouter(ops, [requireToken(ops.settings.token)]),
    statisticsRouter(ops),
    clientsRouter(ops, [requireToken(ops.settings.token)]),
    webhookRouter(ops, [limit]),
    openApiRouter(),
  );
}
