import * as z from 'zod/mini';
import { KindName } from '../kinds.js';
import { Seq } from './run-envelope.js';

/** What a page says about an uncaught error or unhandled rejection, bounded so a report stays small. */
const RuntimeErrorFields = {
  message: z.string().check(z.maxLength(2000)),
  stack: z.optional(z.string().check(z.maxLength(8000))),
  source: z.optional(
    z.object({
      url: z.string().check(z.maxLength(2000)),
      line: z.optional(z.int().check(z.nonnegative())),
      column: z.optional(z.int().check(z.nonnegative())),
    }),
  ),
  /** The artifact the SDK blames it on (the one it applied last before the error), when it could tell. */
  kind: z.optional(KindName),
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  version: z.optional(z.string().check(z.maxLength(100))),
  /** Address of the page, to tell tabs apart. */
  page: z.optional(z.string().check(z.maxLength(2000))),
  /** An unhandled promise rejection rather than a thrown error. */
  unhandledRejection: z.optional(z.boolean()),
};

/**
 * Client → server `runtime_error`: the page threw after applying a version (issue 17). The hub lists it for
 * the page (`GET /clients`), keeps it in history as a failure and counts it against that version's probation.
 */
export const RuntimeError = z.object({
  ...RuntimeErrorFields,
  /** `seq` of the applied event the error is blamed on. */
  seq: z.optional(Seq),
});
export type RuntimeError = z.infer<typeof RuntimeError>;

/**
 * A `runtime_error` as history keeps it (`GET /reload/history`, `.hothub/history.jsonl`): numbered on the
 * hub's `seq` so every hub of a cluster lists it, never sent to pages (they do not replay it).
 */
export const RuntimeErrorRecord = z.object({
  ...RuntimeErrorFields,
  seq: Seq,
  ts: z.number(),
  /** `seq` of the applied event the page blamed it on. */
  blamedSeq: z.optional(Seq),
  /** The socket that reported it (`GET /clients` lists it by this id). */
  client: z.optional(z.string()),
});
export type RuntimeErrorRecord = z.infer<typeof RuntimeErrorRecord>;
