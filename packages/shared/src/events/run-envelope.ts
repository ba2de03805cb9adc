import * as z from 'zod/mini';
import { KindName, Trigger } from '../kinds.js';

export const Seq = z.int().check(z.positive());

/** Why an artifact was reloaded: the file saved and, for a dependent, the imports leading from it. */
export const Cause = z.object({
  /** Relative to the hub's root, with `/` separators (see docs/protocol.md, "Paths in events"). */
  file: z.string(),
  /** From the saved file to the reloaded artifact, e.g. `['helpers/format.js', 'debug_wizard.js']`. */
  chain: z.optional(z.array(z.string())),
});
export type Cause = z.infer<typeof Cause>;

const ms = z.optional(z.number());

/**
 * How long each step of a pipeline run took (ms, from one clock: `performance.now()` deltas), for the steps it
 * reached, named as in docs/architecture.md: `read` (the settled read and hash), `validate` (the kind's `load`),
 * `backup`, `apply`, `check` (the kind's check and the health checks), then `commit` or `rollback`. Sending to
 * pages comes after the event exists: `GET /reload/statistics` measures that hop (`appliedMs`).
 */
export const RunPhases = z.object({ read: ms, validate: ms, backup: ms, apply: ms, check: ms, commit: ms, rollback: ms });
export type RunPhases = z.infer<typeof RunPhases>;

/**
 * The fields every event of a pipeline run carries, `reloaded` and `reload_failed` alike. `reason`: the caller's
 * (API, webhook), or, on a rolled-back version, what gave it away (`errors`, `memory`, `probe`, `health:<check>`).
 */
export const RunEnvelope = z.object({
  seq: Seq,
  ts: z.number(),
  kind: KindName,
  id: z.string(),
  trigger: Trigger,
  cause: z.optional(Cause),
  /** Who asked for the run (`POST /reload`, the webhook; bounded where they arrive: `RunOrigin`). */
  triggeredBy: z.optional(z.string()),
  reason: z.optional(z.string()),
  /** Where the run's time went (absent on a runtime restore, a removal and events from before it existed). */
  phases: z.optional(RunPhases),
});
export type RunEnvelope = z.infer<typeof RunEnvelope>;
