import * as z from 'zod/mini';
import { RunEnvelope } from './run-envelope.js';

export const ReloadError = z.object({
  message: z.string(),
  file: z.optional(z.string()),
  line: z.optional(z.int()),
  column: z.optional(z.int()),
  /** Every failing key path and its message, when a config does not match its schema. */
  issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});
export type ReloadError = z.infer<typeof ReloadError>;

/** A change could not be applied; the previous version is still active. */
export const ReloadFailed = z.object({
  ...RunEnvelope.shape,
  error: ReloadError,
  /** True when the new version had been applied and was then undone. */
  rolledBack: z.boolean(),
  /** How long the run took until it failed (ms). */
  durationMs: z.optional(z.number()),
});
export type ReloadFailed = z.infer<typeof ReloadFailed>;
