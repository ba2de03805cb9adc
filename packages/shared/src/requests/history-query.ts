import * as z from 'zod/mini';
import { KindName, Trigger } from '../kinds.js';

export const HISTORY_MAX_LIMIT = 500;

/** Query of `GET /reload/history`: newest events first, filtered. */
export const HistoryQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(HISTORY_MAX_LIMIT)), 50),
  trigger: z.optional(Trigger),
  kind: z.optional(KindName),
  /** `true`: only `reloaded`; `false`: only `reload_failed`. */
  success: z.optional(z.stringbool()),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;
