import * as z from 'zod/mini';

/** Answer of `GET /rollback/config/:id`: the serving version and the backed-up ones to roll back to. */
export const ConfigVersions = z.object({
  id: z.string(),
  serving: z.optional(z.string()),
  /** Newest first; `savedAt` is when the version stopped serving (ms since the epoch). */
  versions: z.array(z.object({ version: z.string(), savedAt: z.number() })),
});
export type ConfigVersions = z.infer<typeof ConfigVersions>;
