import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret with the expected one in constant time. Both are hashed first,
 * so `timingSafeEqual` gets equal lengths and the comparison leaks neither content nor length.
 */
export function secretMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

/** `sha256=<hex>`: the `X-Hothub-Signature` of a webhook body. */
export function webhookSignature(secret: string, body: Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
