import * as z from 'zod/mini';
import { EventMessage } from './event-message.js';
import { KindName } from '../kinds.js';

/**
 * Answer of `POST /rollback { seq }`: each artifact whose serving version differed from the one it served right
 * after event `seq`, and what became of it. `restored`: that version serves again (its `event`); `refused`: the
 * version failed its checks and the serving one stays; `not_kept`: that version is no longer kept; `left`: the
 * artifact did not exist then and keeps serving (delete its file to remove it).
 */
export const PointInTimeResult = z.object({
  seq: z.number(),
  changed: z.array(
    z.object({
      kind: KindName,
      id: z.string(),
      from: z.optional(z.string()),
      to: z.optional(z.string()),
      result: z.enum(['restored', 'refused', 'not_kept', 'left']),
      event: z.optional(EventMessage),
      message: z.optional(z.string()),
    }),
  ),
});
export type PointInTimeResult = z.infer<typeof PointInTimeResult>;
