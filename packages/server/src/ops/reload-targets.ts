import { KindName, type Trigger, validate } from '@hothub/shared';
import type { HubEvent } from '../pipeline/event-log.js';
import type { Pipeline, ReloadOutcome, RunOrigin } from '../pipeline/pipeline.js';
import type { KindFolders } from '../watch/kind-folders.js';
import { findArtifacts } from './find-artifacts.js';

/** A reload target names no registered kind, or no artifact of that kind. */
export class UnknownTargetError extends Error {
  constructor(readonly target: string) {
    super(`unknown reload target ${JSON.stringify(target)}: use "all", a kind or "<kind>/<id>"`);
    this.name = 'UnknownTargetError';
  }
}

export interface TargetContext {
  folders: KindFolders;
  pipeline: Pipeline;
  /** Makes an artifact whose file is gone inactive, as a deletion seen by the watcher does. */
  remove(kind: KindName, id: string, trigger: Trigger): Promise<ReloadOutcome>;
}

/**
 * Runs the pipeline for `all`, a kind, or `<kind>/<id>`, one artifact after another, and returns
 * the events it sent. Targets are matched against what the folders hold, never joined into a
 * path, so no target can reach a file outside them.
 * @example
 * await reloadTargets('style/main.css', 'api', context); // [{ name: 'reloaded', payload: … }]
 */
export async function reloadTargets(target: string, trigger: Trigger, context: TargetContext, origin?: RunOrigin): Promise<HubEvent[]> {
  const { folders, pipeline } = context;
  const slash = target.indexOf('/');
  const kindPart = slash === -1 ? target : target.slice(0, slash);
  const id = slash === -1 ? undefined : target.slice(slash + 1);
  const registered = folders.folders.map((f) => f.kind);
  const kind = validate(KindName, kindPart);
  if (target !== 'all' && !(kind.ok && registered.includes(kind.value))) throw new UnknownTargetError(target);
  const kinds = target === 'all' || !kind.ok ? registered : [kind.value];

  const onDisk = (await findArtifacts(folders, kinds)).filter((a) => id === undefined || a.id === id);
  const gone = kinds
    .flatMap((k) => pipeline.serving.list(k))
    .filter((a) => (id === undefined || a.id === id) && !onDisk.some((f) => f.kind === a.kind && f.id === a.id));
  if (id !== undefined && !onDisk.length && !gone.length) throw new UnknownTargetError(target);

  const outcomes: ReloadOutcome[] = [];
  for (const artifact of onDisk) outcomes.push(await pipeline.reload({ ...artifact, trigger, ...(origin ? { origin } : {}) }));
  for (const artifact of gone) outcomes.push(await context.remove(artifact.kind, artifact.id, trigger));
  return outcomes.flatMap((outcome) => (outcome.status === 'event' ? [outcome.event] : []));
}
