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
  /** Absent when the hub has a token and the request did not send it: paths are for operators. */
  /** Kind folders and watch rules (`glob`), and how changes there are seen (`--poll`: `polling`). */
  watchDirs: z.optional(
    z.array(
      z.object({ kind: KindName, dir: z.string(), exists: z.boolean(), glob: z.optional(z.string()), watcher: z.optional(z.enum(['native', 'polling'])) }),
    ),
  ),
  /** Successful reloads since start, the startup load included. */
  reloadCount: count,
  /** Connected sockets. */
  connections: count,
  /** Connected pages that have not applied the latest version of an artifact they want (`GET /clients`: `behind`). */
  lagging: count,
  kinds: z.record(z.string(), z.object({ artifacts: count, reloads: count, failures: count })),
  alerts: z.array(ActiveAlert),
  /** Who may talk to the hub (docs/operations.md, "Who may talk to the hub"). */
  access: z.object({
    /** Pages from `http(s)://localhost`, `127.0.0.1`, `[::1]` (any port) may read assets and connect. */
    loopbackOrigins: z.boolean(),
    /** `--cors-origin` values, allowed besides loopback pages and the hub's own origin. */
    origins: z.array(z.string()),
    /** `--allowed-host` values, allowed as `Host` besides loopback names, IP addresses and the bound host. */
    allowedHosts: z.array(z.string()),
    /** False with `--allowed-host all`: any `Host` is answered (unsafe). */
    hostCheck: z.boolean(),
    /** A token guards mutations, sockets and the reads that carry paths or content. */
    token: z.boolean(),
  }),
});
export type HubStatus = z.infer<typeof HubStatus>;
