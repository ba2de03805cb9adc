import * as z from 'zod';
import type { Filled } from './filled.js';

/** When a built-in check fails and what probation tolerates; each is a setting (`healthLimits.eventLoopLagMs`, …). */
export const HealthLimits = z
  .object({
    /** Share of the memory limit (V8's heap limit, or `--memory-budget`) above which `memory` fails. */
    memoryShare: z.number().gt(0).max(1),
    /** The longest event loop block (ms) since the last check above which `eventLoop` fails. */
    eventLoopLagMs: z.number().min(1),
    /** Free space (MB) under the root and `.hothub/` below which `disk` fails. */
    diskFreeMb: z.number().min(0),
    /** How long `--probe URL` may take to answer (the seed's "response time above 5 seconds"). */
    probeTimeoutMs: z.number().int().min(1),
    /** Pages reporting they could not apply a version on probation (`apply_failed`) that roll it back. */
    errorPages: z.number().int().min(1),
    /** Or more than this share of the connected pages (the seed's error rate above a threshold). */
    errorShare: z.number().min(0).max(1),
  })
  .partial()
  .strict();
export type HealthLimits = Filled<z.infer<typeof HealthLimits>>;

export const DEFAULT_HEALTH_LIMITS: HealthLimits = {
  memoryShare: 0.9,
  eventLoopLagMs: 1000,
  diskFreeMb: 100,
  probeTimeoutMs: 5000,
  errorPages: 3,
  errorShare: 0.5,
};

/** Probation rolls back when any watched check fails, or when more than half of them fail (the seed's quorum). */
export const ROLLBACK_WHEN = ['any', 'majority'] as const;
