import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { KindName } from '@hothub/shared';
import type { AnyKind } from '../pipeline/kind.js';
import { ignoreMatcher, type RuleSpec, slashRelative, type WatchRule, watchRules } from './watch-rules.js';
import { isInside } from '../util/inside-folder.js';

// Its users in other layers import it from here too.
export { isInside };

/** A file under a kind's folder, and the artifact it defines. */
export interface LocatedFile {
  kind: KindName;
  relPath: string;
  id: string;
  /** The folder `relPath` is relative to: the kind's folder or a watch rule's static part. */
  dir: string;
}

/** Watch rules and ignore globs, relative to the root (`watch` and `ignore` settings). */
export interface WatchSpec {
  rules?: readonly RuleSpec[];
  ignore?: readonly string[];
  /** chokidar polls (`--poll`) instead of native events. */
  polling?: boolean;
}

/** A folder the hub watches (a kind folder, or a watch rule's static part), and whether it exists yet. */
export interface WatchedFolder {
  kind: KindName;
  dir: string;
  exists: boolean;
  /** The watch rule's glob, relative to the root. */
  glob?: string;
  /** `polling` with `--poll`. */
  watcher: 'native' | 'polling';
}

/** Which folder or watch rule belongs to which kind, and what a path under them means. */
export class KindFolders {
  readonly folders: ReadonlyArray<{ kind: KindName; dir: string }>;
  /** Globs mapped to kinds besides the folders; a file they match wins over a kind folder. */
  readonly rules: readonly WatchRule[];
  /**
   * Where the app serves each kind, relative to its site root, `/`-separated: the public path of the
   * kind's first watch rule, else its folder relative to the root. What pages are told in `connected`.
   */
  readonly publicFolders: Partial<Record<KindName, string>>;
  /** The hub's root, absolute. */
  readonly root: string;
  readonly #ignored: (rootRelative: string) => boolean;
  readonly #watcher: WatchedFolder['watcher'];
  /** Nested folders (`dirs.theme: '.'` holding `config/`): a file belongs to the innermost one. */
  readonly #innermostFirst: ReadonlyArray<{ kind: KindName; dir: string }>;

  constructor(
    root: string,
    dirs: Record<KindName, string>,
    private readonly kinds: ReadonlyMap<KindName, AnyKind>,
    watch: WatchSpec = {},
  ) {
    this.root = root;
    this.rules = watchRules(root, watch.rules ?? []);
    const unknown = this.rules.find((rule) => !kinds.has(rule.kind));
    if (unknown) throw new Error(`watch rule ${unknown.kind}=${unknown.glob}: no kind ${unknown.kind} (kinds: ${[...kinds.keys()].join(', ')})`);
    this.#ignored = ignoreMatcher(watch.ignore ?? []);
    this.#watcher = watch.polling ? 'polling' : 'native';
    this.folders = [...kinds.keys()].map((kind) => ({ kind, dir: resolve(root, dirs[kind]) }));
    refuseSharedFolders(root, this.folders);
    this.#innermostFirst = [...this.folders].sort((a, b) => b.dir.length - a.dir.length);
    this.publicFolders = Object.fromEntries(
      this.folders.map(({ kind, dir }) => [kind, this.rules.find((r) => r.kind === kind)?.publicPath.slice(1, -1) ?? slashRelative(root, dir)]),
    );
  }

  /** Every kind folder, then every watch rule's static part, and whether each exists now (`/status`, the CLI). */
  status(): WatchedFolder[] {
    const watcher = this.#watcher;
    const rules = this.rules.map(({ kind, base, glob }) => ({ kind, dir: base, exists: existsSync(base), glob, watcher }));
    return [...this.folders.map(({ kind, dir }) => ({ kind, dir, exists: existsSync(dir), watcher })), ...rules];
  }

  /** Folder of a kind. */
  dirOf(kind: KindName): string {
    const folder = this.folders.find((f) => f.kind === kind);
    if (!folder) throw new Error(`no folder for kind ${kind}`);
    return folder.dir;
  }

  /** Folders of a kind: its kind folder, then its rules' static parts. */
  dirsOf(kind: KindName): string[] {
    return [...this.folders.filter((f) => f.kind === kind).map((f) => f.dir), ...this.rules.filter((r) => r.kind === kind).map((r) => r.base)];
  }

  /** Parents of the kind folders and rule bases: watching them is how a folder created later gets picked up. */
  watchRoots(): string[] {
    return [...new Set(this.#bases().map((dir) => dirname(dir)))];
  }

  /** Keep a path when it is a kind folder or rule base, a folder on the way to one, or inside one. */
  include(path: string): boolean {
    return this.#bases().some((dir) => path === dir || isInside(dir, path) || isInside(path, dir) || path === dirname(dir));
  }

  /**
   * A folder the hub ignores by default (`node_modules`) that a watch rule names in its static part
   * (`node_modules/@acme/ui/**\/*.css`), or a path inside or on the way to it: the user asked for it.
   */
  named(path: string): boolean {
    return this.rules.some(({ base }) => base.split(sep).includes('node_modules') && (path === base || isInside(base, path) || isInside(path, base)));
  }

  /** The kind whose folder is `path` or holds it (the innermost one). */
  kindOfPath(path: string): KindName | undefined {
    return this.#innermostFirst.find(({ dir }) => path === dir || isInside(dir, path))?.kind;
  }

  /**
   * The artifact a file defines, if any: nothing for a dot file (`.env.js`, `.eslintrc.cjs` in a components
   * folder: never loaded, so never served, as Vite denies `.env*`; a dot folder a rule names is fine) or when an
   * ignore glob matches it, else the first watch rule that matches it, else the innermost kind folder holding it.
   */
  locate(path: string): LocatedFile | undefined {
    const fromRoot = slashRelative(this.root, path);
    if (basename(path).startsWith('.') || this.#ignored(fromRoot)) return undefined;
    for (const { kind, base, matches } of this.rules) {
      if (!isInside(base, path) || !matches(fromRoot)) continue;
      const relPath = slashRelative(base, path);
      const id = this.kinds.get(kind)?.idOf(relPath);
      if (id !== undefined) return { kind, relPath, id, dir: base };
    }
    for (const { kind, dir } of this.#innermostFirst) {
      if (!isInside(dir, path)) continue;
      const relPath = slashRelative(dir, path);
      const id = this.kinds.get(kind)?.idOf(relPath);
      return id === undefined ? undefined : { kind, relPath, id, dir };
    }
    return undefined;
  }

  #bases(): string[] {
    return [...this.folders.map((f) => f.dir), ...this.rules.map((r) => r.base)];
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
