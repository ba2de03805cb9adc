import * as z from 'zod/mini';
import { ApplyFailed } from '../events/apply-failed.js';
import { Subscription } from '../events/handshake.js';

/** A version a page acknowledged (`applied`). */
export const AppliedVersion = z.object({ version: z.string(), seq: z.int(), at: z.number() });
export type AppliedVersion = z.infer<typeof AppliedVersion>;

/** One page connected to the hub (the console is not a page). */
export const ConnectedPage = z.object({
  /** Its socket: tells tabs apart. */
  id: z.string(),
  /** What the page said it is in its handshake (`page`); absent for a client that did not say. */
  url: z.optional(z.string()),
  userAgent: z.optional(z.string()),
  subscription: z.optional(Subscription),
  connectedAt: z.number(),
  /** The latest `seq` the page acknowledged, or where it started (its handshake's `lastSeq`, else the hub's seq then). */
  lastSeq: z.int(),
  /** Per artifact (`style/main.css`), the latest version it applied. */
  applied: z.record(z.string(), AppliedVersion),
  /** Its latest `apply_failed` reports, oldest first. */
  failures: z.array(z.object({ ...ApplyFailed.shape, at: z.number() })),
  /** Artifacts it wants whose latest version it has not applied (`style/main.css`). */
  behind: z.array(z.string()),
});
export type ConnectedPage = z.infer<typeof ConnectedPage>;

/** Answer of `GET /clients`. */
export const ClientList = z.object({ pages: z.array(ConnectedPage) });
export type ClientList = z.infer<typeof ClientList>;
