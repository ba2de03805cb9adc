import type { Stats } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';

export type FileEvent = 'add' | 'change' | 'unlink';

export interface WatchTreeOptions {
  /** Paths to keep (files and the folders leading to them); everything else is never watched. */
  include(path: string, isDirectory: boolean | undefined): boolean;
  onFile(event: FileEvent, path: string): void;
  onDirectory?(event: 'addDir' | 'unlinkDir', path: string): void;
  onError(error: unknown): void;
  /** Paths the user named (a watch rule inside `node_modules`): ignored folders there are watched. */
  named?(path: string): boolean;
  /** Poll every this many milliseconds instead of native events (bind mounts, network drives). */
  pollMs?: number | undefined;
  /** The hub's root: only folders below it are ignored by name (a project may live in `…/node_modules/…`). */
  root: string;
}

const IGNORED_SEGMENTS = new Set(['.git', 'node_modules', '.hothub', '.DS_Store']);
/** Vim's write probe, swap and backup files, Emacs lock files, JetBrains' safe-write temps. */
const EDITOR_TEMP = /(^\.#|^#.*#$|\.sw[a-p]$|~$|^4913$|\.tmp$|___jb_(tmp|old)___$)/;

/**
 * Editor temp files and ignored folders (unless `named`, as a watch rule can), never artifacts. Only the
 * segments below `base` (the hub's root, or a folder already let through) count: a project checked out
 * under `…/node_modules/…` or `~/.hothub/…` is not ignored as a whole.
 */
export function isNoise(path: string, named: (path: string) => boolean = () => false, base?: string): boolean {
  if (EDITOR_TEMP.test(basename(path))) return true;
  const below = base === undefined ? path : relative(base, path);
  const segments = below.startsWith('..') ? path.split(sep) : below.split(sep);
  return segments.some((segment) => IGNORED_SEGMENTS.has(segment)) && !named(path);
}

/**
 * chokidar with hothub's settled defaults. Resolves once the initial scan is done,
 * so a save made after that is never missed.
 */
export async function watchTree(roots: string[], options: WatchTreeOptions): Promise<FSWatcher> {
  const watcher = watch(roots, {
    ignoreInitial: false,
    ignorePermissionErrors: true,
    atomic: true,
    ...(options.pollMs === undefined ? {} : { usePolling: true, interval: options.pollMs, binaryInterval: options.pollMs }),
    ignored: (path: string, stats?: Stats) => isNoise(path, options.named, options.root) || !options.include(path, stats?.isDirectory()),
  });
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, (path) => options.onFile(event, path));
  watcher.on('addDir', (path) => options.onDirectory?.('addDir', path));
  watcher.on('unlinkDir', (path) => options.onDirectory?.('unlinkDir', path));
  watcher.on('error', options.onError);
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return watcher;
}
