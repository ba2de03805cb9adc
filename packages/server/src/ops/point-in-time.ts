import type { KindName, PointInTimeResult } from '@hothub/shared';
import { RollbackRefused } from '../config/config-rollback.js';
import { type HubEvent, isRunEvent, type LoggedEvent } from '../pipeline/event-log.js';
import { servingKey, type Serving } from '../pipeline/serving.js';

type Change = PointInTimeResult['changed'][number];

/** Makes one kept version of an artifact serve again (`POST /rollback { kind, id, version }`). */
export type Restore = (kind: KindName, id: string, version: string) => Promise<HubEvent>;

/** A point in time the hub's recent events no longer cover: nothing changed. */
export class PointInTimeTooOld extends Error {
  constructor(readonly oldest: number) {
    super(`the hub keeps events from seq ${oldest} on: pick a seq of ${oldest - 1} or later (GET /reload/history lists them)`);
    this.name = 'PointInTimeTooOld';
  }
}

/**
 * Every artifact as it served right after event `seq` (the undo of a bad `git checkout` or deploy): for each one
 * whose serving version differs, that version is restored through the pipeline like `POST /rollback`, one
 * artifact after the other, and each is reported. Not atomic: an artifact that is refused keeps serving
 * its version while the others are restored.
 */
export async function rollbackToSeq(seq: number, events: readonly LoggedEvent[], serving: Pick<Serving, 'list'>, restore: Restore): Promise<PointInTimeResult> {
  const oldest = events[0]?.payload.seq ?? 1;
  if (seq < oldest - 1) throw new PointInTimeTooOld(oldest);
  const then = versionsAt(seq, events.filter(isRunEvent));
  const now = new Map(serving.list().map((active) => [servingKey(active.kind, active.id), active]));
  const changed: Change[] = [];
  const artifacts = new Map<string, { kind: KindName; id: string }>([...then, ...now]);
  for (const [key, { kind, id }] of artifacts) {
    const to = then.get(key)?.version;
    const from = now.get(key)?.source.version;
    if (to === from) continue;
    const base = { kind, id, ...(from ? { from } : {}), ...(to ? { to } : {}) };
    if (to === undefined) {
      changed.push({ ...base, result: 'left', message: `${kind} "${id}" did not exist after event ${seq}: delete its file to remove it` });
      continue;
    }
    changed.push({ ...base, ...(await restored(restore, kind, id, to)) });
  }
  return { seq, changed };
}

async function restored(restore: Restore, kind: KindName, id: string, version: string): Promise<Pick<Change, 'result' | 'event' | 'message'>> {
  try {
    const event = await restore(kind, id, version);
    if (event.name === 'reloaded') return { result: 'restored', event };
    return { result: 'refused', event, message: event.payload.error.message };
  } catch (error) {
    if (!(error instanceof RollbackRefused)) throw error;
    return { result: error.reason === 'unknown_version' || error.reason === 'no_previous_version' ? 'not_kept' : 'refused', message: error.message };
  }
}

/**
 * The version each artifact served right after event `seq`, from the events up to it: a `reloaded` serves its
 * version (none once removed), a runtime failure that rolled back brings the one before it back.
 */
function versionsAt(seq: number, events: readonly HubEvent[]): Map<string, { kind: KindName; id: string; version: string | undefined }> {
  const stacks = new Map<string, { kind: KindName; id: string; versions: Array<string | undefined> }>();
  for (const event of events) {
    if (event.payload.seq > seq) break;
    const { kind, id } = event.payload;
    const key = servingKey(kind, id);
    const entry = stacks.get(key) ?? { kind, id, versions: [] };
    stacks.set(key, entry);
    if (event.name === 'reloaded') entry.versions.push(event.payload.removed ? undefined : event.payload.version);
    else if (event.payload.trigger === 'runtime' && event.payload.rolledBack) entry.versions.pop();
  }
  return new Map([...stacks].map(([key, { kind, id, versions }]) => [key, { kind, id, version: versions.at(-1) }]));
}
