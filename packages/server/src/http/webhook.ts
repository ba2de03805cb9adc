import { WebhookRequest } from '@hothub/shared';
import express, { type RequestHandler, Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';
import { secretMatches, webhookSignature } from '../ops/secrets.js';
import { requireJson } from './content-type.js';
import { HttpError, parseBody } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';
import { reloadResult } from './reload.js';

export const SIGNATURE_HEADER = 'X-Hothub-Signature';

/**
 * `POST /webhook`: an external system triggers a reload (trigger `webhook`). Authenticated by an
 * HMAC-SHA256 of the raw body in `X-Hothub-Signature: sha256=<hex>`, not by the bearer token, so the
 * body is read raw and checked before it is parsed.
 */
export function webhookRouter(ops: HubOps, guard: RequestHandler[]): Router {
  const router = Router();
  const secret = ops.settings.webhookSecret;
  const verify: RequestHandler = (req, _res, next) => {
    if (secret === undefined) {
      throw new HttpError(404, 'webhook_disabled', 'the webhook is off: start the hub with --webhook-secret or HOTHUB_WEBHOOK_SECRET');
    }
    const signature = req.get(SIGNATURE_HEADER);
    if (signature === undefined) {
      throw new HttpError(401, 'signature_missing', `sign the raw body: ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256>`);
    }
    if (!secretMatches(signature, webhookSignature(secret, rawBody(req.body)))) {
      throw new HttpError(401, 'signature_invalid', `${SIGNATURE_HEADER} does not match the body`);
    }
    next();
  };
  router.post('/webhook', ...guard, express.raw({ type: () => true, limit: '1mb' }), verify, requireJson, async (req, res) => {
    const raw = rawBody(req.body);
    const { target } = parseBody(WebhookRequest, raw.length ? parseJson(raw) : {});
    res.json(await reloadResult(ops, target, 'webhook'));
  });
  onlyMethods(router, '/webhook', ['POST']);
  return router;
}

/** What `express.raw` read: a Buffer, or nothing when the request had no body. */
function rawBody(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** The body as JSON, only to hand it to the schema; malformed JSON is a 400. */
function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `malformed JSON body: ${(error as Error).message}`);
  }
}
