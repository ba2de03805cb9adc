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
});
export type ReloadStatistics = z.infer<typeof ReloadStatistics>;
