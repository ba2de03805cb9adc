import * as z from 'zod/mini';
import { KindName } from '../kinds.js';
import { ReloadError } from './reload-failed.js';

/**
 * Sent by a browser when it could not apply a version the hub announced (a component that
 * throws while mounting, a stylesheet that fails to load); the page kept the previous version.
 */
export const ApplyFailed = z.object({
  kind: KindName,
  id: z.string().check(z.minLength(1), z.maxLength(500)),
  /** The version that failed, as announced in `reloaded`. */
  version: z.optional(z.string().check(z.maxLength(100))),
  error: ReloadError,
  /** Address of the page that failed, to tell tabs apart. */
  page: z.optional(z.string().check(z.maxLength(2000))),
});
export type ApplyFailed = z.infer<typeof ApplyFailed>;

/** The hub's answer to a page's report or request (`apply_failed`, `runtime_error`, `topics`): done, or why not. */
export type HubAck = { ok: true } | { ok: false; error: string };

/** The hub's answer to `apply_failed`: recorded, or why not. */
export type ApplyFailedAck = HubAck;
