import * as z from 'zod/mini';
import { Seq } from './run-envelope.js';

/**
 * Sent by a page once it applied a `reloaded` event (its `seq` says which): the hub knows what each
 * page runs (`GET /clients`) and how long a save took to reach real pages. A failure is `apply_failed`.
 */
export const Applied = z.object({ seq: Seq });
export type Applied = z.infer<typeof Applied>;
