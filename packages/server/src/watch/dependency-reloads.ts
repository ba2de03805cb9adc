import type { KindName } from '@hothub/shared';
import type { AnyKind } from '../pipeline/kind.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { contentHash } from '../util/content-hash.js';
import { errorCode } from '../util/errors.js';
import { readSettled } from '../util/read-settled.js';

export interface DependencyReloadsOptions {
  kinds: ReadonlyMap<KindName, AnyKind>;
  pipeline: Pipeline;
  /** How a path appears in a `cause` (relative to the hub's root). */
  display(path: string): string;
}

/** Content of a file that is gone, so deleting and re-creating a helper both count as changes. */
const MISSING = 'missing';

/**
 * Saving a file that artifacts import reloads those artifacts, with the chain of imports as the cause.
 * The file's content is remembered so the watcher's re-checks and spurious events reload nothing.
 */
export class DependencyReloads {
  readonly #seen = new Map<string, string>();

  constructor(private readonly options: DependencyReloadsOptions) {}

  /** Every file some artifact imports, of every kind. */
  importedFiles(): Set<string> {
    const files = new Set<string>();
    for (const kind of this.options.kinds.values()) for (const file of kind.importedFiles?.() ?? []) files.add(file);
    return files;
  }

  /** Records a file's current content, e.g. before watching it, so its `add` event is not taken for a save. */
  async remember(file: string): Promise<void> {
    this.#seen.set(file, await versionOf(file));
  }

  /** Reloads the dependents of `file` if its content changed; true when that sent an event. */
  async reload(file: string): Promise<boolean> {
    const { kinds, pipeline, display } = this.options;
    const dependents = [...kinds].flatMap(([kind, k]) => (k.dependentsOf?.(file) ?? []).map((d) => ({ kind, ...d })));
    if (!dependents.length) return false;
    const version = await versionOf(file);
    if (this.#seen.get(file) === version) return false;
    this.#seen.set(file, version);
    const outcomes = await Promise.all(
      dependents.map(({ kind, id, file: own, relPath, chain }) =>
        pipeline.reload({ kind, id, file: own, relPath, trigger: 'file', cause: { file: display(file), chain: chain.map(display) } }),
      ),
    );
    return outcomes.some((outcome) => outcome.status === 'event');
  }
}

async function versionOf(file: string): Promise<string> {
  try {
    return contentHash(await readSettled(file));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return MISSING;
    throw error;
  }
}
