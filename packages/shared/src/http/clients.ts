import * as z from 'zod/mini';
import { ApplyFailed } from '../events/apply-failed.js';
import { Topics } from '../events/published.js';
import { Subscription } from '../events/handshake.js';

/** A version a page acknowledged (`applied`). */
export const AppliedVersion = z.object({ version: z.string(), seq: z.int(), at: z.number() });
export type AppliedVersion = z.infer<typeof AppliedVersion>;

/** A failure a page reported, as `GET /clients` lists it. */
export const ClientFailureEntry = z.object({
  ...ApplyFailed.shape,
  kind: z.optional(ApplyFailed.shape.kind),
  id: z.optional(ApplyFailed.shape.id),
  at: z.number(),
  /** A `runtime_error` (the page threw), not an `apply_failed`. */
  runtime: z.optional(z.literal(true)),
});
export type ClientFailureEntry = z.infer<typeof ClientFailureEntry>;

/** One page connected to the hub (the console is not a page). */
export const ConnectedPage = z.object({
  /** Its socket: tells tabs apart. */
  id: z.string(),
  /** The hub serving it (its URL, or its instance id when embedded): in a cluster every hub lists every page. */
  hub: z.optional(z.string()),
  /** What the page said it is in its handshake (`page`); absent for a client that did not say. */
  url: z.optional(z.string()),
  userAgent: z.optional(z.string()),
  subscription: z.optional(Subscription),
  /** Topics of `published` events it chose (absent: every topic). */
  topics: z.optional(Topics),
  connectedAt: z.number(),
  /** The latest `seq` the page acknowledged, or where it started (its handshake's `lastSeq`, else the hub's seq then). */
  lastSeq: z.int(),
  /** Per artifact (`style/main.css`), the latest version it applied. */
  applied: z.record(z.string(), AppliedVersion),
  /**
   * Its latest `apply_failed` and `runtime_error` reports, oldest first; a runtime error is marked `runtime` and
   * names the artifact it is blamed on when the page could tell (`kind`, `id` absent otherwise).
   */
  failures: z.array(ClientFailureEntry),
  /** Artifacts it wants whose latest version it has not applied (`style/main.css`). */
  behind: z.array(z.string()),
});
export type ConnectedPage = z.infer<typeof ConnectedPage>;

/** Answer of `GET /clients`. */
export const ClientList = z.object({ pages: z.array(ConnectedPage) });
export type ClientList = z.infer<typeof ClientList>;
