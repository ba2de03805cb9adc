import { createHmac } from 'node:crypto';
import { secretMatches } from '../util/secrets.js';

const WHSEC = 'whsec_';

/**
 * The HMAC key of a Standard Webhooks secret: the bytes after `whsec_` decoded from base64, or
 * the secret's UTF-8 bytes when it has no such prefix (https://www.standardwebhooks.com/).
 */
export function standardWebhookKey(secret: string): Buffer {
  return secret.startsWith(WHSEC) ? Buffer.from(secret.slice(WHSEC.length), 'base64') : Buffer.from(secret, 'utf8');
}

export const WHSEC_RULE = 'a webhook secret starting with whsec_ must be base64 after the prefix (as Standard Webhooks senders generate it)';

/** A `whsec_` secret must be base64 after the prefix, or every signature would silently mismatch. */
export function validWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(WHSEC)) return true;
  const encoded = secret.slice(WHSEC.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && encoded.length % 4 === 0;
}

/**
 * One Standard Webhooks signature: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
 * @example
 * standardSignature(standardWebhookKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), 'msg_1', '1700000000', body);
 */
export function standardSignature(key: Buffer, id: string, timestamp: string, body: Uint8Array): string {
  const hmac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body);
  return `v1,${hmac.digest('base64')}`;
}

/** Whether any of the space-separated signatures of a `webhook-signature` header is ours (a sender may rotate keys). */
export function standardSignatureMatches(header: string, expected: string): boolean {
  // Every candidate is compared, so the time taken does not say which one matched.
  return header.split(' ').reduce((found, candidate) => secretMatches(candidate, expected) || found, false);
}

/** `sha256=<hex HMAC-SHA256 of the body>`: GitHub's `X-Hub-Signature-256`, keyed by the secret's UTF-8 bytes. */
export function githubSignature(secret: string, body: Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
