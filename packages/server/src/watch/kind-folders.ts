import { dirname, relative, resolve, sep } from 'node:path';
import type { KindName } from '@hothub/shared';
import type { AnyKind } from '../pipeline/kind.js';
import { isInside } from '../util/inside-folder.js';

// Its users in other layers import it from here too.
export { isInside };

/** A file under a kind's folder, and the artifact it defines. */
export interface LocatedFile {
  kind: KindName;
  relPath: string;
  id: string;
}

/** Which folder belongs to which kind, and what a path under them means. */
export class KindFolders {
  readonly folders: ReadonlyArray<{ kind: KindName; dir: string }>;
  /** Each kind's folder relative to the root, `/`-separated: what pages are told in `connected`. */
  readonly relativeDirs: Partial<Record<KindName, string>>;
  /** Nested folders (`dirs.theme: '.'` holding `config/`): a file belongs to the innermost one. */
  readonly #innermostFirst: ReadonlyArray<{ kind: KindName; dir: string }>;

  constructor(
    root: string,
    dirs: Record<KindName, string>,
    private readonly kinds: ReadonlyMap<KindName, AnyKind>,
  ) {
    this.folders = [...kinds.keys()].map((kind) => ({ kind, dir: resolve(root, dirs[kind]) }));
    refuseSharedFolders(root, this.folders);
    this.#innermostFirst = [...this.folders].sort((a, b) => b.dir.length - a.dir.length);
    this.relativeDirs = Object.fromEntries(this.folders.map(({ kind, dir }) => [kind, relative(root, dir).split(sep).join('/')]));
  }

  /** Folder of a kind. */
  dirOf(kind: KindName): string {
    const folder = this.folders.find((f) => f.kind === kind);
    if (!folder) throw new Error(`no folder for kind ${kind}`);
    return folder.dir;
  }

  /** Parents of the kind folders: watching them is how a folder created later gets picked up. */
  watchRoots(): string[] {
    return [...new Set(this.folders.map((f) => dirname(f.dir)))];
  }

  /** Keep a path when it is a kind folder, a folder on the way to one, or inside one. */
  include(path: string): boolean {
    return this.folders.some(({ dir }) => path === dir || isInside(dir, path) || isInside(path, dir) || path === dirname(dir));
  }

  /** The kind whose folder is `path` or holds it (the innermost one). */
  kindOfPath(path: string): KindName | undefined {
    return this.#innermostFirst.find(({ dir }) => path === dir || isInside(dir, path))?.kind;
  }

  /** The artifact a file defines, if any: the innermost kind folder holding it decides. */
  locate(path: string): LocatedFile | undefined {
    for (const { kind, dir } of this.#innermostFirst) {
      if (!isInside(dir, path)) continue;
      const relPath = relative(dir, path).split(sep).join('/');
      const id = this.kinds.get(kind)?.idOf(relPath);
      return id === undefined ? undefined : { kind, relPath, id };
    }
    return undefined;
  }
}

/** Two kinds cannot share one folder: which kind a file there belongs to would be a guess. */
function refuseSharedFolders(root: string, folders: ReadonlyArray<{ kind: KindName; dir: string }>): void {
  for (const [i, { kind, dir }] of folders.entries()) {
    const other = folders.slice(i + 1).find((f) => f.dir === dir);
    if (!other) continue;
    const shown = relative(root, dir) || '.';
    throw new Error(`dirs.${kind} and dirs.${other.kind} are the same folder (${shown}): give each kind its own folder`);
  }
}

