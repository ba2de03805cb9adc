import * as z from 'zod/mini';
import { KindName, Trigger } from '../kinds.js';

export const HISTORY_MAX_LIMIT = 500;

/** A point in time: ms since the epoch, or an ISO 8601 date-time with its offset. */
const Instant = z.union([z.coerce.number().check(z.int(), z.minimum(0)), z.iso.datetime({ offset: true })]);

/** Query of `GET /reload/history`: newest events first, filtered. */
export const HistoryQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(HISTORY_MAX_LIMIT)), 50),
  trigger: z.optional(Trigger),
  kind: z.optional(KindName),
  /** `true`: only `reloaded`; `false`: only `reload_failed`. */
  success: z.optional(z.stringbool()),
  /** Events at or after this time. */
  since: z.optional(Instant),
  /** Events at or before this time. */
  until: z.optional(Instant),
  /** One artifact's id (`main.css`, `app`). */
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;
