import * as z from 'zod/mini';
import { ReloadFailed } from '../events/reload-failed.js';
import { Reloaded } from '../events/reloaded.js';

/** An event as the hub sent it over socket.io: its name and payload. */
export const EventMessage = z.discriminatedUnion('name', [
  z.object({ name: z.literal('reloaded'), payload: Reloaded }),
  z.object({ name: z.literal('reload_failed'), payload: ReloadFailed }),
]);
export type EventMessage = z.infer<typeof EventMessage>;

/** Answer of `POST /reload` and `POST /webhook`: the events the reload produced, in order. */
export const ReloadResult = z.object({ target: z.string(), events: z.array(EventMessage) });
export type ReloadResult = z.infer<typeof ReloadResult>;

/** Answer of `GET /reload/history`: newest first, at most `limit`; `total` counts every event the filters matched. */
export const ReloadHistory = z.object({ events: z.array(EventMessage), total: z.number() });
export type ReloadHistory = z.infer<typeof ReloadHistory>;
