import * as z from 'zod';
import type { Filled } from './filled.js';

/** At most `max` mutating requests (`POST /reload`, `/webhook`) per client address in `windowS` seconds. */
export const RateLimitSettings = z
  .object({ max: z.number().int().min(1), windowS: z.number().min(0.001).max(86_400) })
  .partial()
  .strict();
export type RateLimitSettings = Filled<z.infer<typeof RateLimitSettings>>;

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { max: 60, windowS: 60 };
