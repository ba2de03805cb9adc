import type { KindName } from '@hothub/shared';
import type { AnyKind, Dependent } from '../pipeline/kind.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { contentHash } from '../util/content-hash.js';
import { errorCode } from '../util/errors.js';
import { readSettled } from '../util/read-settled.js';
import { rootRelative } from '../util/root-relative.js';

export interface DependencyReloadsOptions {
  kinds: ReadonlyMap<KindName, AnyKind>;
  pipeline: Pipeline;
  /** The hub's root: paths in a `cause` are relative to it. */
  root: string;
}

type KindDependent = Dependent & { kind: KindName };

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

  /**
   * Reloads the dependents of `file` if its content changed; true when that sent an event.
   * The caller reloads `file`'s own artifact first: importers pin the versions of what they import.
   */
  async reload(file: string): Promise<boolean> {
    const { pipeline, root } = this.options;
    const display = (path: string) => rootRelative(root, path);
    const dependents = this.#dependentsOf(file);
    if (!dependents.length) return false;
    const version = await versionOf(file);
    if (this.#seen.get(file) === version) return false;
    this.#seen.set(file, version);
    let sent = false;
    for (const wave of importOrder(dependents, (dependent) => this.#dependentsOf(dependent.file))) {
      const outcomes = await Promise.all(
        wave.map(({ kind, id, file: own, relPath, dir, chain }) =>
          pipeline.reload({ kind, id, file: own, relPath, ...(dir ? { dir } : {}), trigger: 'file', cause: { file: display(file), chain: chain.map(display) } }),
        ),
      );
      sent = outcomes.some((outcome) => outcome.status === 'event') || sent;
    }
    return sent;
  }

  #dependentsOf(file: string): KindDependent[] {
    return [...this.options.kinds].flatMap(([kind, k]) => (k.dependentsOf?.(file) ?? []).map((d) => ({ kind, ...d })));
  }
}

/**
 * The dependents in waves, each after every other dependent it imports: a component pins the
 * version of each module it imports (`./label.js?v=…`) and the hub serves whatever version of
 * that module is committed, so an importer announced before its helper's run commits makes
 * pages cache the old helper under the new URL. Modules importing each other run together.
 */
function importOrder(dependents: KindDependent[], importersOf: (dependent: KindDependent) => KindDependent[]): KindDependent[][] {
  const importers = new Map(dependents.map((d) => [d, new Set(importersOf(d).map((i) => i.file))]));
  const waves: KindDependent[][] = [];
  for (let left = dependents; left.length > 0; ) {
    const ready = left.filter((d) => !left.some((other) => other !== d && importers.get(other)?.has(d.file)));
    const wave = ready.length ? ready : left;
    waves.push(wave);
    left = left.filter((d) => !wave.includes(d));
  }
  return waves;
}

async function versionOf(file: string): Promise<string> {
  try {
    return contentHash(await readSettled(file));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return MISSING;
    throw error;
  }
}
