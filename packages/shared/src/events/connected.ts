import * as z from 'zod/mini';
import { KindName } from '../kinds.js';

/** Sent by the hub to every socket right after it connects. */
export const Connected = z.object({
  protocol: z.literal(1),
  serverId: z.string(),
  /** Number of the latest event the hub numbered (`reloaded`, `reload_failed`, `published`, a page's `runtime_error`; 0 before any). */
  seq: z.int().check(z.nonnegative()),
  kinds: z.array(KindName),
  /**
   * Each kind's folder relative to the hub's root, with `/` separators (`style: 'css'`, `component: 'src/components'`):
   * the SDK learns from it where the app serves stylesheets and how to shorten paths in its toasts.
   */
  folders: z.optional(z.record(z.string(), z.string())),
});
export type Connected = z.infer<typeof Connected>;
