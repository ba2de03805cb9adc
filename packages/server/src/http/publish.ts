import { PublishRequest, type PublishResult } from '@hothub/shared';
import express, { type RequestHandler, Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { PublishRefused } from '../ops/publish-check.js';
import { requireJson } from './content-type.js';
import { HttpError, parseBody } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';

/**
 * `POST /publish { topic, data, triggeredBy? }`: sends an application event to the pages that chose its topic
 * (issue 17) and answers `{ seq }`. `guard` (its own rate limit, then the token) runs before the body is read;
 * data that is not JSON or is over 16 KB is refused (400, 413) and nothing is numbered.
 */
export function publishRouter(ops: HubOps, guard: RequestHandler[]): Router {
  const router = Router();
  router.post('/publish', ...guard, requireJson, express.json({ limit: '1mb' }), async (req, res) => {
    const request = parseBody(PublishRequest, req.body);
    if (!('data' in request)) throw new HttpError(400, 'invalid_body', 'invalid request body at data: required (any JSON value, null included)');
    try {
      const body: PublishResult = { seq: (await ops.publish(request)).seq };
      res.json(body);
    } catch (error) {
      if (error instanceof PublishRefused) throw new HttpError(error.status, error.code, error.message);
      throw error;
    }
  });
  onlyMethods(router, '/publish', ['POST']);
  return router;
}
