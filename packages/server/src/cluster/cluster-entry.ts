import { HistoryEntry, validate, type Validated } from '@hothub/shared';
import * as z from 'zod/mini';

/** One event in the cluster's Redis stream: what one hub numbered, for the others to follow. */
export const ClusterEntry = z.object({
  event: HistoryEntry,
  /** `serverId` of the hub process that numbered it. */
  origin: z.string().check(z.minLength(1)),
  /** The artifact's file relative to its kind's folder (hubs share the folder layout); empty when there is none to load. */
  file: z.string(),
});
export type ClusterEntry = z.infer<typeof ClusterEntry>;

/** Reads a stream entry's flat `[field, value, …]` list; the event travels as JSON. */
export function parseClusterEntry(fields: string[]): Validated<ClusterEntry> {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) raw[fields[i]!] = fields[i + 1];
  try {
    raw.event = JSON.parse(String(raw.event));
  } catch {
    // Left as text: validation below reports it.
  }
  return validate(ClusterEntry, raw, 'cluster stream entry');
}
