import * as z from 'zod/mini';
import { RunEnvelope } from './run-envelope.js';

/** An artifact was swapped in. */
export const Reloaded = z.object({
  ...RunEnvelope.shape,
  /** Content hash: changes whenever the content does. */
  version: z.string(),
  durationMs: z.number().check(z.nonnegative()),
  /** Browser assets only: where the new version is served (carries `?v=<version>`). */
  url: z.optional(z.string()),
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
