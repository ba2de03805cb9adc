import * as z from 'zod/mini';
import { KindName } from '../kinds.js';
import { ActiveAlert } from './alerts.js';

export const HUB_MODES = ['dev', 'prod'] as const;
export const HubMode = z.enum(HUB_MODES);
export type HubMode = z.infer<typeof HubMode>;

const count = z.int().check(z.nonnegative());

/** Answer of `GET /status`. */
export const HubStatus = z.object({
  /** File watching is on (dev mode); in prod mode reloads come only from the API, the webhook and `--periodic`. */
  enabled: z.boolean(),
  /** Listening and not stopping. */
  running: z.boolean(),
  mode: HubMode,
  version: z.string(),
  uptimeS: z.number(),
  watchDirs: z.array(z.object({ kind: KindName, dir: z.string(), exists: z.boolean() })),
  /** Successful reloads since start, the startup load included. */
  reloadCount: count,
  /** Connected sockets. */
  connections: count,
  kinds: z.record(z.string(), z.object({ artifacts: count, reloads: count, failures: count })),
  alerts: z.array(ActiveAlert),
});
export type HubStatus = z.infer<typeof HubStatus>;
