import * as z from 'zod/mini';

/** What the hub raises alerts about. */
export const ALERT_NAMES = ['failure_rate', 'rollbacks', 'slow_reload', 'validation_failures', 'health_checks'] as const;
export const AlertName = z.enum(ALERT_NAMES);
export type AlertName = z.infer<typeof AlertName>;

/** An alert that is active now: its measured value went over its threshold within its window. */
export const ActiveAlert = z.object({
  name: AlertName,
  message: z.string(),
  value: z.number(),
  threshold: z.number(),
  /** When it became active (ms since the epoch). */
  since: z.number(),
});
export type ActiveAlert = z.infer<typeof ActiveAlert>;
