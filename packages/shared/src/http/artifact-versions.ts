import * as z from 'zod/mini';
import { KindName, Trigger } from '../kinds.js';

/** Answer of `GET /rollback/<kind>/<id>`: the serving version and the kept ones to roll back to. */
export const ArtifactVersions = z.object({
  kind: KindName,
  id: z.string(),
  serving: z.optional(z.string()),
  /**
   * Newest first. `savedAt` (ms since the epoch): when a config's version stopped serving, when another kind's
   * started; `trigger`: what made the run that served it (configs do not keep it); `size` in bytes on disk.
   */
  versions: z.array(z.object({ version: z.string(), savedAt: z.number(), trigger: z.optional(Trigger), size: z.number() })),
});
export type ArtifactVersions = z.infer<typeof ArtifactVersions>;
