import type { IncomingHttpHeaders } from 'node:http';
import { errorMessage, GitHubPush, GitHubWebhookHeaders, type Infer, type Schema, StandardWebhookHeaders, validate, WebhookRequest } from '@hothub/shared';
import type { RunOrigin } from '../pipeline/pipeline.js';
import { secretMatches } from '../util/secrets.js';
import { githubSignature, standardSignature, standardSignatureMatches, standardWebhookKey } from '../webhooks/webhook-signatures.js';
import { HttpError, parseBody } from './http-error.js';

/** How far a delivery's timestamp may be from the hub's clock, either way (Standard Webhooks' default). */
export const TOLERANCE_S = 300;

/** A signed delivery that reloads: the id a replay is recognised by, when it was sent, its target. */
export interface Reload {
  id: string;
  /** Unix seconds. */
  sentAt: number;
  /** The header or field `sentAt` came from, for error messages. */
  sentAtFrom: string;
  target: string;
  /** `triggeredBy` and `reason` from a Standard Webhooks body (a GitHub push names none). */
  origin: RunOrigin;
}

/** A signed delivery that asks for nothing (a GitHub `ping`), with the reason. */
export interface Skip {
  skip: string;
}

const HOW_TO_SIGN =
  'send webhook-id, webhook-timestamp and webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body"> (Standard Webhooks), ' +
  'or a GitHub hook\'s X-Hub-Signature-256 with X-GitHub-Delivery; see "Webhook" in docs/operations.md';

/**
 * Checks the signature of a `POST /webhook` and reads what it asks for. Standard Webhooks headers
 * (`webhook-*`) or GitHub's (`X-Hub-Signature-256`) are accepted; the body-only
 * `X-Hothub-Signature` is refused, since a captured request could be replayed forever.
 */
export function readDelivery(headers: IncomingHttpHeaders, raw: Buffer, secret: string): Reload | Skip {
  if (headers['webhook-id'] ?? headers['webhook-timestamp'] ?? headers['webhook-signature']) return standardDelivery(headers, raw, secret);
  if (headers['x-hub-signature-256'] !== undefined) return githubDelivery(headers, raw, secret);
  if (headers['x-hothub-signature'] !== undefined) {
    throw new HttpError(401, 'signature_scheme_removed', `X-Hothub-Signature signed only the body, so a captured request could be replayed forever; it is no longer accepted: ${HOW_TO_SIGN}`);
  }
  throw new HttpError(401, 'signature_missing', `the webhook is not signed: ${HOW_TO_SIGN}`);
}

/** Refuses a delivery sent more than `TOLERANCE_S` away from `nowMs`: a stale one may be a replay. */
export function checkFresh(delivery: Reload, nowMs: number): void {
  const offset = Math.round(nowMs / 1000 - delivery.sentAt);
  if (Math.abs(offset) <= TOLERANCE_S) return;
  const when = offset > 0 ? `${offset} s in the past` : `${-offset} s in the future`;
  throw new HttpError(401, 'webhook_timestamp_out_of_range',
    `${delivery.sentAtFrom} ${delivery.sentAt} is ${when}; at most ${TOLERANCE_S} s either way is accepted: sign each delivery when sending it and check the sender's clock`);
}

function standardDelivery(headers: IncomingHttpHeaders, raw: Buffer, secret: string): Reload {
  const signed = readHeaders(StandardWebhookHeaders, headers);
  const id = signed['webhook-id'];
  const timestamp = signed['webhook-timestamp'];
  const expected = standardSignature(standardWebhookKey(secret), id, timestamp, raw);
  if (!standardSignatureMatches(signed['webhook-signature'], expected)) {
    throw new HttpError(401, 'signature_invalid', 'no signature in webhook-signature matches: sign "<webhook-id>.<webhook-timestamp>.<raw body>" with the hub\'s secret (for a whsec_ secret, the base64-decoded bytes after the prefix)');
  }
  const { target, ...origin } = parseBody(WebhookRequest, raw.length ? parseJson(raw) : {});
  return { id: `standard:${id}`, sentAt: Number(timestamp), sentAtFrom: 'webhook-timestamp', target, origin };
}

/** A GitHub push reloads everything (its paths are the repository's, not the hub's); other events reload nothing. */
function githubDelivery(headers: IncomingHttpHeaders, raw: Buffer, secret: string): Reload | Skip {
  const signed = readHeaders(GitHubWebhookHeaders, headers);
  if (!secretMatches(signed['x-hub-signature-256'], githubSignature(secret, raw))) {
    throw new HttpError(401, 'signature_invalid', 'X-Hub-Signature-256 does not match the body: the GitHub hook\'s secret must be the hub\'s webhook secret, as typed');
  }
  const event = signed['x-github-event'];
  if (event !== 'push') return { skip: `GitHub event ${event}: only push reloads` };
  const pushedAt = parseBody(GitHubPush, parseJson(raw)).repository.pushed_at;
  const sentAt = typeof pushedAt === 'number' ? pushedAt : Math.floor(Date.parse(pushedAt) / 1000);
  return { id: `github:${signed['x-github-delivery']}`, sentAt, sentAtFrom: 'repository.pushed_at', target: 'all', origin: {} };
}

function readHeaders<S extends Schema>(schema: S, headers: IncomingHttpHeaders): Infer<S> {
  const result = validate(schema, headers, 'webhook headers');
  if (!result.ok) throw new HttpError(401, 'signature_missing', `${result.error.message}: ${HOW_TO_SIGN}`, result.error.issues);
  return result.value;
}

/** The body as JSON, only to hand it to a schema; malformed JSON is a 400. */
function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `malformed JSON body: ${errorMessage(error)}`);
  }
}
