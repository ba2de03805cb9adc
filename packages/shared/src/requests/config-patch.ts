import * as z from 'zod/mini';

/**
 * Body of `PATCH /config/:id`: a JSON merge patch (RFC 7396) of the serving config. Objects merge
 * key by key, `null` removes a key, anything else replaces the value.
 */
export const ConfigPatch = z.record(z.string(), z.unknown());
export type ConfigPatch = z.infer<typeof ConfigPatch>;
