import * as z from 'zod/mini';

const count = z.int().check(z.nonnegative());

export const OutcomeCounts = z.object({ total: count, successful: count, failed: count, rollbacks: count, validationFailures: count });
export type OutcomeCounts = z.infer<typeof OutcomeCounts>;

/** Answer of `GET /reload/statistics`: counts since start; durations of recent successful reloads. */
export const ReloadStatistics = z.object({
  ...OutcomeCounts.shape,
  /** successful / total, null before any reload. */
  successRate: z.nullable(z.number()),
  byKind: z.record(z.string(), OutcomeCounts),
  durationMs: z.object({ p50: z.nullable(z.number()), p95: z.nullable(z.number()) }),
  /**
   * Per kind, from the start of the run (the file read) to a page's `applied` arriving at the hub, over the
   * latest acknowledgements of real pages: what a save takes to reach the pages, round trip included.
   */
  appliedMs: z.record(z.string(), z.object({ acks: count, p50: z.nullable(z.number()), p95: z.nullable(z.number()) })),
  /** In-process handlers: `hub.config.subscribe` handlers and `hub.on('reloaded' | 'reload_failed')` listeners. */
  handlersRegistered: count,
  /** `--periodic` is set: everything that changed on disk is reloaded every `refreshIntervalSeconds`. */
  periodicRefreshEnabled: z.boolean(),
  refreshIntervalSeconds: z.nullable(z.number()),
});
export type ReloadStatistics = z.infer<typeof ReloadStatistics>;
