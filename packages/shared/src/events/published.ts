import * as z from 'zod/mini';
import { Seq } from './run-envelope.js';

/** At most this many topics per page (handshake `topics`, the `topics` event): each one is a socket.io room. */
export const TOPICS_MAX = 64;

/** An application event's name (`cart`, `orders:new`, `build/status`): a socket.io room per topic, so bounded. */
export const Topic = z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/));
export type Topic = z.infer<typeof Topic>;

/** A page's topics: `published` events of these only; none (absent or empty) = every topic. */
export const Topics = z.array(Topic).check(z.maxLength(TOPICS_MAX));

/**
 * An application event (`hub.publish(topic, data)`, `POST /publish`), numbered on the same `seq` as reloads:
 * kept in history and replayed once to a page that missed it, filtered by its topics (issue 17).
 */
export const Published = z.object({
  seq: Seq,
  ts: z.number(),
  topic: Topic,
  /** Any JSON value; the hub checked it is JSON and at most `PUBLISH_MAX_BYTES` once serialised. */
  data: z.unknown(),
  triggeredBy: z.optional(z.string()),
});
export type Published = z.infer<typeof Published>;

/** Client → server `topics`: replaces the page's topics at run time (an empty list = every topic). */
export const TopicsRequest = z.object({ topics: Topics });
export type TopicsRequest = z.infer<typeof TopicsRequest>;
