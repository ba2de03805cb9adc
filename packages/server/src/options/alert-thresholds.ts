import * as z from 'zod';
import type { Filled } from './filled.js';

/** When the hub raises an alert; each is a setting (`alerts.failureRate`, …) with the default shown. */
export const AlertThresholds = z
  .object({
    /** Share of reloads that failed in the last hour, above which `failure_rate` is raised. */
    failureRate: z.number().min(0).max(1),
    /** Rollbacks in the last hour above which `rollbacks` is raised. */
    rollbacks: z.number().int().min(0),
    /** A reload slower than this raises `slow_reload` for an hour. */
    slowReloadMs: z.number().min(0),
    /** Validation failures in the last 10 minutes above which `validation_failures` is raised. */
    validationFailures: z.number().int().min(0),
  })
  .partial()
  .strict();
export type AlertThresholds = Filled<z.infer<typeof AlertThresholds>>;

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  failureRate: 0.1,
  rollbacks: 3,
  slowReloadMs: 30_000,
  validationFailures: 5,
};
