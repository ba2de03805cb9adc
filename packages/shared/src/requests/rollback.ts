import * as z from 'zod/mini';
import { KindName } from '../kinds.js';

/**
 * Body of `POST /rollback`: make a kept version of an artifact serve again.
 * Without `version`, the newest kept version other than the serving one.
 */
export const RollbackRequest = z.strictObject({
  kind: KindName,
  id: z.string().check(z.minLength(1), z.maxLength(1024)),
  version: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});
export type RollbackRequest = z.infer<typeof RollbackRequest>;

/** Body of `POST /rollback` with `seq`: every artifact as it served right after event `seq`. */
export const RollbackToSeqRequest = z.strictObject({ seq: z.int().check(z.minimum(0), z.maximum(2 ** 40)) });
export type RollbackToSeqRequest = z.infer<typeof RollbackToSeqRequest>;
