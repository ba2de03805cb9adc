import * as z from 'zod/mini';

export const HealthCheck = z.object({ ok: z.boolean(), message: z.optional(z.string()) });
export type HealthCheck = z.infer<typeof HealthCheck>;

/** Answer of `GET /health`: 200 with `ok`, or 503 with `fail` and the failing checks. */
export const HealthReport = z.object({
  status: z.enum(['ok', 'fail']),
  checks: z.record(z.string(), HealthCheck),
  /** When the checks ran (ms since the epoch). */
  checkedAt: z.optional(z.number()),
});
export type HealthReport = z.infer<typeof HealthReport>;
