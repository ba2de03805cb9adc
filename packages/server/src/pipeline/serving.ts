import type { KindName } from '@hothub/shared';
import type { ServedAsset, SourceFile } from './kind.js';

/** The version of an artifact that is serving now. */
export interface ActiveArtifact {
  kind: KindName;
  id: string;
  artifact: unknown;
  source: SourceFile;
  loadedAt: number;
  reloadCount: number;
  /** How HTTP serves it, when its kind builds what is served (`Kind.served`). */
  served?: ServedAsset;
}

/**
 * What serves now, one entry per artifact: the one place HTTP, `hub.artifacts()`, the module registries
 * (`hub.wizards`, `hub.plugins`, `/wizards`, `/plugins`) and kinds read. Only the pipeline writes it,
 * when a run commits, a runtime rollback restores or a file is removed.
 */
export class Serving {
  readonly #active = new Map<string, ActiveArtifact>();

  get(kind: KindName, id: string): ActiveArtifact | undefined {
    return this.#active.get(servingKey(kind, id));
  }

  /** Every serving artifact, optionally of one kind. */
  list(kind?: KindName): ActiveArtifact[] {
    return [...this.#active.values()].filter((a) => !kind || a.kind === kind);
  }

  /** The pipeline's: `active` serves from now on. */
  set(active: ActiveArtifact): void {
    this.#active.set(servingKey(active.kind, active.id), active);
  }

  /** The pipeline's: the artifact serves no more. */
  delete(kind: KindName, id: string): void {
    this.#active.delete(servingKey(kind, id));
  }
}

/** `style/main.css`: how the pipeline names an artifact in its queue and logs. */
export function servingKey(kind: KindName, id: string): string {
  return `${kind}/${id}`;
}
