import express, { type RequestHandler, Router } from 'express';
import { DeliveryIds } from '../webhooks/delivery-ids.js';
import type { HubOps } from '../ops/hub-ops.js';
import { validWebhookSecret, WHSEC_RULE } from '../webhooks/webhook-signatures.js';
import { requireJson } from './content-type.js';
import { HttpError } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';
import { reloadResult } from './reload.js';
import { checkFresh, readDelivery, TOLERANCE_S } from './webhook-delivery.js';

/** Delivery ids remembered at most; at the default rate limit (60 a minute) the window holds 600. */
const MAX_DELIVERY_IDS = 10_000;

/**
 * `POST /webhook`: an external system triggers a reload (trigger `webhook`). Authenticated by a
 * Standard Webhooks or GitHub signature, not by the bearer token, so the body is read raw. A
 * delivery is refused when its timestamp is over 5 minutes off or its id was already accepted.
 */
export function webhookRouter(ops: HubOps, guard: RequestHandler[]): Router {
  const router = Router();
  const secret = ops.settings.webhookSecret;
  // Flags, environment and config file are checked by HubSettings; this catches createHub({ webhookSecret }).
  if (secret !== undefined && !validWebhookSecret(secret)) throw new Error(WHSEC_RULE);
  const accepted = new DeliveryIds({ max: MAX_DELIVERY_IDS });
  router.post('/webhook', ...guard, express.raw({ type: () => true, limit: '1mb' }), requireJson, async (req, res) => {
    if (secret === undefined) {
      throw new HttpError(404, 'webhook_disabled', 'the webhook is off: start the hub with --webhook-secret or HOTHUB_WEBHOOK_SECRET');
    }
    const delivery = readDelivery(req.headers, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), secret);
    if ('skip' in delivery) return void res.json({ skipped: delivery.skip });
    checkFresh(delivery, Date.now());
    const claim = accepted.claim(delivery.id, (delivery.sentAt + TOLERANCE_S) * 1000);
    if (claim === 'replayed') {
      throw new HttpError(409, 'webhook_replayed', `delivery ${delivery.id} was already accepted; a replay is refused: send each delivery with a new id`);
    }
    if (claim === 'full') {
      throw new HttpError(503, 'webhook_busy', `${MAX_DELIVERY_IDS} deliveries accepted in the last ${2 * TOLERANCE_S} s, the most this hub remembers to refuse replays; retry in a few minutes`);
    }
    try {
      res.json(await reloadResult(ops, delivery.target, 'webhook', delivery.origin));
    } catch (error) {
      // An unknown target changed nothing, and a crash may be passing: Standard Webhooks senders retry with the same id.
      accepted.release(delivery.id);
      throw error;
    }
  });
  onlyMethods(router, '/webhook', ['POST']);
  return router;
}
