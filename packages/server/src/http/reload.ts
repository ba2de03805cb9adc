import { ReloadRequest, type ReloadResult, type Trigger } from '@hothub/shared';
import express, { type RequestHandler, Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import type { RunOrigin } from '../pipeline/pipeline.js';
import { UnknownTargetError } from '../ops/reload-targets.js';
import { requireJson } from './content-type.js';
import { HttpError, parseBody } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';

/** Runs a reload for the API or the webhook; an unknown target is a 404 and changes nothing. */
export async function reloadResult(ops: HubOps, target: string, trigger: Trigger, origin: RunOrigin): Promise<ReloadResult> {
  try {
    return { target, events: await ops.reload(target, trigger, origin) };
  } catch (error) {
    if (error instanceof UnknownTargetError) throw new HttpError(404, 'unknown_target', error.message, { target });
    throw error;
  }
}

/**
 * `POST /reload { target, triggeredBy?, reason? }`: runs the pipeline for `all`, a kind or `<kind>/<id>` (trigger `api`)
 * and answers with the events. `guard` (rate limit, then token) runs before the body is read.
 */
export function reloadRouter(ops: HubOps, guard: RequestHandler[]): Router {
  const router = Router();
  router.post('/reload', ...guard, requireJson, express.json({ limit: '1mb' }), async (req, res) => {
    const { target, ...origin } = parseBody(ReloadRequest, req.body);
    res.json(await reloadResult(ops, target, 'api', origin));
  });
  onlyMethods(router, '/reload', ['POST']);
  return router;
}
