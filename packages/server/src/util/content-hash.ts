import { createHash } from 'node:crypto';

/** Short, stable content version: equal bytes give equal versions. */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 12);
}
