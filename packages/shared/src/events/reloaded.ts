import * as z from 'zod/mini';
import { KindName, Trigger } from '../kinds.js';

export const Seq = z.int().check(z.positive());

/** Why an artifact was reloaded: the file saved and, for a dependent, the imports leading from it. */
export const Cause = z.object({
  file: z.string(),
  /** From the saved file to the reloaded artifact, e.g. `['helpers/format.js', 'debug_wizard.js']`. */
  chain: z.optional(z.array(z.string())),
});
export type Cause = z.infer<typeof Cause>;

/** An artifact was swapped in. */
export const Reloaded = z.object({
  seq: Seq,
  ts: z.number(),
  kind: KindName,
  id: z.string(),
  /** Content hash: changes whenever the content does. */
  version: z.string(),
  trigger: Trigger,
  durationMs: z.number().check(z.nonnegative()),
  /** Browser assets only: where the new version is served (carries `?v=<version>`). */
  url: z.optional(z.string()),
  cause: z.optional(Cause),
  /** The artifact's file was deleted and the artifact is no longer active; `version` is its last one. */
  removed: z.optional(z.literal(true)),
  /** Small browser assets only: the new text, so the page can apply it without a round trip. */
  content: z.optional(z.string()),
  /** Configs: the names of the keys that changed (`db.pool.size`), never their values. */
  keys: z.optional(z.array(z.string())),
  /** Configs marked public only: the new value of each changed key (absent when removed; secret-looking keys redacted). */
  values: z.optional(z.record(z.string(), z.unknown())),
});
export type Reloaded = z.infer<typeof Reloaded>;
