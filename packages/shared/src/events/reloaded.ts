import * as z from 'zod/mini';
import { KindName, Trigger } from '../kinds.js';

export const Seq = z.int().check(z.positive());

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
  /** Small browser assets only: the new text, so the page can apply it without a round trip. */
  content: z.optional(z.string()),
});
export type Reloaded = z.infer<typeof Reloaded>;
