import { join } from 'node:path';
import type { HubEvent } from '../pipeline/event-log.js';
import type { Pipeline, ReloadOutcome } from '../pipeline/pipeline.js';
import type { KindFolders } from '../watch/kind-folders.js';
import type { ClusterEntry } from './cluster-entry.js';

export interface FollowContext {
  folders: KindFolders;
  pipeline: Pick<Pipeline, 'reload' | 'remove' | 'serving'>;
  /** Records an event this hub ran nothing for and hands it to the consumers of `after-run.ts`. */
  announce(event: HubEvent): void;
}

/**
 * The cluster as one more source: an event another hub numbered enters the pipeline like a save
 * (the same run on the same file, a removal for a removal), numbered with that hub's `seq`. When this
 * hub runs nothing (it has that version already, the event is a failure, or the entry names no file
 * here), the event is announced as it came, so every hub's history and pages have it, unless this hub
 * serves another version than the event names: then it says so with `reload_failed` under that `seq`, so its
 * pages are never told of a version it does not serve (issue 12: followers that ended on an older config).
 * Application events and pages' runtime errors (issue 17) are no runs: the hub follows them apart (`app-events.ts`).
 */
export async function followEvent({ event, file }: ClusterEntry & { event: HubEvent }, context: FollowContext): Promise<ReloadOutcome> {
  const { kind, id, trigger } = event.payload;
  let outcome: ReloadOutcome = { status: 'unchanged' };
  if (event.name === 'reloaded' && event.payload.removed) outcome = await context.pipeline.remove(kind, id, trigger, event);
  else if (event.name === 'reloaded') {
    const dir = context.folders.dirOf(kind);
    const located = file ? context.folders.locate(join(dir, file)) : undefined;
    // The entry came through Redis: only a file under the kind's folder that defines the event's artifact is loaded.
    if (located?.kind === kind && located.id === id) {
      const { cause } = event.payload;
      outcome = await context.pipeline.reload({ ...located, file: join(dir, located.relPath), trigger, ...(cause ? { cause } : {}), numbered: event });
    }
  }
  if (outcome.status !== 'event') context.announce(servesOther(event, context) ?? event);
  return outcome;
}

/** A `reload_failed` under `event`'s seq when this hub did not come to serve the version the event announced. */
function servesOther(event: HubEvent, context: FollowContext): HubEvent | undefined {
  if (event.name !== 'reloaded' || event.payload.removed) return undefined;
  const { kind, id, trigger, version, seq, ts } = event.payload;
  const serving = context.pipeline.serving.get(kind, id)?.source.version;
  if (serving === version) return undefined;
  const here = serving ? `version ${serving}` : 'nothing';
  const message = `another hub of the cluster loaded ${kind}/${id} version ${version}, this hub serves ${here}: it loads the file again on its next change (or POST /reload)`;
  return { name: 'reload_failed', payload: { kind, id, trigger, seq, ts, error: { message }, rolledBack: false } };
}
