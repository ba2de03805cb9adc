import * as z from 'zod/mini';
import { ActiveAlert } from './alerts.js';

/**
 * What `--alert-webhook URL` receives, one JSON POST per change: an alert was `raised`, or `cleared` (its last
 * measured values). `at`: when the hub saw the change (ms since the epoch).
 */
export const AlertNotice = z.object({
  state: z.enum(['raised', 'cleared']),
  alert: ActiveAlert,
  at: z.number(),
});
export type AlertNotice = z.infer<typeof AlertNotice>;
