import * as z from 'zod/mini';
import { Published } from '../events/published.js';
import { ReloadFailed } from '../events/reload-failed.js';
import { Reloaded } from '../events/reloaded.js';
import { RuntimeErrorRecord } from '../events/runtime-error.js';

const ReloadedEntry = z.object({ name: z.literal('reloaded'), payload: Reloaded });
const ReloadFailedEntry = z.object({ name: z.literal('reload_failed'), payload: ReloadFailed });

/** An event as the hub sent it over socket.io: its name and payload. */
export const EventMessage = z.discriminatedUnion('name', [ReloadedEntry, ReloadFailedEntry]);
export type EventMessage = z.infer<typeof EventMessage>;

/** Answer of `POST /reload` and `POST /webhook`: the events the reload produced, in order. */
export const ReloadResult = z.object({ target: z.string(), events: z.array(EventMessage) });
export type ReloadResult = z.infer<typeof ReloadResult>;

/**
 * What a hub's history keeps (memory, `.hothub/history.jsonl`, a cluster's stream), each on the same `seq`: a
 * pipeline run's event, an application event (`published`, issue 17), a page's `runtime_error` (never sent to pages).
 */
export const HistoryEntry = z.discriminatedUnion('name', [
  ReloadedEntry,
  ReloadFailedEntry,
  z.object({ name: z.literal('published'), payload: Published }),
  z.object({ name: z.literal('runtime_error'), payload: RuntimeErrorRecord }),
]);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Answer of `GET /reload/history`: newest first, at most `limit`; `total` counts every event the filters matched. */
export const ReloadHistory = z.object({ events: z.array(HistoryEntry), total: z.number() });
export type ReloadHistory = z.infer<typeof ReloadHistory>;
