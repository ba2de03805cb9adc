import * as z from 'zod/mini';
import { Topic } from '../events/published.js';

/** Largest `data` the hub publishes, measured as its JSON in UTF-8 bytes (over it: 413). */
export const PUBLISH_MAX_BYTES = 16 * 1024;

/** Body of `POST /publish`: `data` is any JSON value (checked by the hub: JSON-representable, ≤ 16 KB). */
export const PublishRequest = z.strictObject({
  topic: Topic,
  data: z.unknown(),
  triggeredBy: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type PublishRequest = z.infer<typeof PublishRequest>;

/** Answer of `POST /publish`: the event's `seq`. */
export const PublishResult = z.object({ seq: z.int().check(z.positive()) });
export type PublishResult = z.infer<typeof PublishResult>;
