import * as z from 'zod/mini';
import { KindName } from '../kinds.js';

/**
 * Body of `POST /rollback`: make a backed-up version of an artifact active again.
 * Without `version`, the newest backed-up version other than the serving one.
 */
export const RollbackRequest = z.strictObject({
  kind: KindName,
  id: z.string().check(z.minLength(1), z.maxLength(1024)),
  version: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});
export type RollbackRequest = z.infer<typeof RollbackRequest>;
