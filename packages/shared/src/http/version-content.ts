import * as z from 'zod/mini';
import { KindName } from '../kinds.js';

/** A version as the hub names it: the content hash `ArtifactVersions` lists (never a path). */
export const VersionName = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'a version is 1 to 64 letters, digits, _ or -'));

/**
 * Answer of `GET /rollback/<kind>/<id>/<version>`: one kept (or the serving) version's text, to diff against
 * the serving one. A config's `text` is its parsed keys in its own format with secret-looking values redacted
 * (`redacted: true`; comments and layout are not kept). `omitted` says why there is no `text`: `binary` (not
 * UTF-8 text), `too_large` (over the hub's cap, `size` says how big), `unparsable` (a config that no longer parses).
 */
export const VersionContent = z.object({
  kind: KindName,
  id: z.string(),
  version: z.string(),
  serving: z.boolean(),
  size: z.number(),
  text: z.optional(z.string()),
  redacted: z.optional(z.boolean()),
  omitted: z.optional(z.enum(['binary', 'too_large', 'unparsable'])),
});
export type VersionContent = z.infer<typeof VersionContent>;
