import type { KindName, Trigger } from '@hothub/shared';
import type { Pipeline, ReloadOutcome } from '../pipeline/pipeline.js';
import type { ModuleRegistry } from './module-registry.js';

/** How a source (a deleted file, `POST /reload` of a target that is gone) removes an artifact. */
export type RemoveArtifact = (kind: KindName, id: string, trigger: Trigger) => Promise<ReloadOutcome>;

/**
 * `Pipeline.remove`, then forget the last failure of a module that never served: its removal sends no
 * event, so the registries' after-run consumer never hears of it.
 */
export function removeArtifact(pipeline: Pick<Pipeline, 'remove'>, registries: readonly ModuleRegistry[]): RemoveArtifact {
  return async (kind, id, trigger) => {
    const outcome = await pipeline.remove(kind, id, trigger);
    if (outcome.status !== 'event') registries.find((registry) => registry.kind === kind)?.forget(id);
    return outcome;
  };
}
