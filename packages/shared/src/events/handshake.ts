import * as z from 'zod/mini';
import { KindName } from '../kinds.js';
import { Topics } from './published.js';

/** Bounds of a handshake: each subscribed id joins a room, so a page may not ask for unbounded ones. */
const HANDSHAKE_LIMITS = { ids: 256, idLength: 200, kinds: 16, serverIdLength: 128 } as const;

/**
 * Which events a page wants: every event of the listed kinds plus every event of the listed
 * artifacts (`<kind>/<id>`, e.g. `style/main.css`). Without a subscription a page gets everything.
 */
export const Subscription = z.object({
  kinds: z.optional(z.array(KindName).check(z.maxLength(HANDSHAKE_LIMITS.kinds))),
  ids: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(HANDSHAKE_LIMITS.idLength))).check(z.maxLength(HANDSHAKE_LIMITS.ids)),
  ),
});
export type Subscription = z.infer<typeof Subscription>;

/**
 * What the SDK sends in socket.io's handshake (`auth`), on the first connection and on every
 * reconnection: the last event it saw, so the hub can send what it missed, and its subscription.
 */
export const Handshake = z.object({
  /** `seq` of the latest event the page applied (0 or absent: none). */
  lastSeq: z.optional(z.int().check(z.nonnegative())),
  /** `serverId` of the hub that numbered `lastSeq`; another hub's numbers mean nothing here. */
  serverId: z.optional(z.string().check(z.maxLength(HANDSHAKE_LIMITS.serverIdLength))),
  subscribe: z.optional(Subscription),
  /** Topics of `published` events the page wants (live and on catch-up); absent or empty: every topic. */
  topics: z.optional(Topics),
  /** Address of the page (`location.href`, cut to 2,000 characters by the SDK), listed by `GET /clients`. */
  page: z.optional(z.string().check(z.maxLength(2000))),
  /** The hub's console (`/hothub/console`): it watches the hub and is not listed as a page. */
  console: z.optional(z.boolean()),
  /** The hub's bearer token, required when the hub runs with `--token`. */
  token: z.optional(z.string()),
});
export type Handshake = z.infer<typeof Handshake>;
