import { dirname } from 'node:path';
import type { KindName, Trigger } from '@hothub/shared';
import type { FSWatcher } from 'chokidar';
import type { LeaderGate } from './leader-gate.js';
import type { DependencyReloads } from './dependency-reloads.js';
import type { Pipeline, ReloadOutcome } from '../pipeline/pipeline.js';
import type { Logger } from '../util/log.js';
import { hop } from '../util/hop-trace.js';
import { rootRelative } from '../util/root-relative.js';
import { type FileEvent, watchTree } from './create-watcher.js';
import { FileSync } from './file-sync.js';
import { rawWatch } from './soon-change.js';
import { KeyedQueue } from '../pipeline/keyed-queue.js';
import { IdClaims } from './id-claims.js';
import type { KindFolders, LocatedFile } from './kind-folders.js';
import { NewFolderScans } from './new-folder-scans.js';
import { UnreadableFiles } from './unreadable-files.js';
import { watchAdded } from './watch-added.js';

/** How long to wait for chokidar to report a newly watched import (it never reports one deleted meanwhile). */
const IMPORT_WATCH_TIMEOUT_MS = 1000;

export interface SourceWatcherOptions {
  folders: KindFolders;
  pipeline: Pipeline;
  dependencies: DependencyReloads;
  /** Only the cluster's leader runs file changes; followers keep them for when they lead. */
  gate: LeaderGate;
  debounceMs: number;
  /** `--poll MS`: chokidar polls instead of listening to native events. */
  pollMs?: number | undefined;
  logger: Logger;
  /** The hub's root: paths in causes and logs are relative to it (`rootRelative`). */
  root: string;
  /** An artifact's file is gone. */
  remove(kind: KindName, id: string, trigger: Trigger): Promise<ReloadOutcome>;
}

/**
 * Turns saves under the kind folders, and in files artifacts import from elsewhere, into pipeline
 * runs: loads everything once at start (trigger `startup`), then every change (trigger `file`).
 */
export class SourceWatcher {
  readonly #options: SourceWatcherOptions;
  readonly #sync: FileSync;
  readonly #newFolders: NewFolderScans;
  readonly #log: Logger;
  /** Imported files outside the kind folders that the watcher was asked to add. */
  readonly #watchedImports = new Set<string>();
  /** Their folders, watched too (for those files only), so an import deleted and re-created is seen. */
  readonly #importDirs = new Set<string>();
  #importsWatched: Promise<void> = Promise.resolve();
  #watcher?: FSWatcher;
  #closed = false;
  readonly #claims = new IdClaims();
  /** Claims of one artifact run one at a time (its files' events may come from several paths at once). */
  readonly #claimQueue = new KeyedQueue();
  /** Files a run could not read for lack of permission: watched again once they are readable. */
  readonly #unreadable = new UnreadableFiles((path) => this.#watchAgain(path));

  constructor(options: SourceWatcherOptions) {
    this.#options = options;
    this.#log = options.logger.channel('hothub:watch');
    this.#sync = new FileSync({
      run: (path) => this.#onFileChanged(path),
      debounceMs: options.debounceMs,
      soonChange: rawWatch,
      onError: (error, path) => this.#log.error(`reload of ${path} failed`, { error: String(error) }),
    });
    this.#newFolders = new NewFolderScans(
      (file) => {
        if (options.gate.admit('add', file)) this.onFileEvent('add', file);
      },
      (error) => this.#log.error('cannot list a new folder', { error: String(error) }),
    );
  }

  /** Up and not closed. */
  get watching(): boolean {
    return this.#watcher !== undefined && !this.#closed;
  }

  /** Loads every artifact and starts watching; resolves once a save can no longer be missed. */
  async start(): Promise<void> {
    const { folders, gate } = this.#options;
    const startup: Promise<unknown>[] = [];
    let ready = false;
    this.#watcher = await watchTree(folders.watchRoots(), {
      include: (path) => folders.include(path) || this.#watchedImports.has(path) || this.#importDirs.has(path),
      named: (path) => folders.named(path),
      root: folders.root,
      pollMs: this.#options.pollMs,
      onFile: (event, path) => {
        const located = folders.locate(path);
        if (!ready) {
          if (located && event !== 'unlink') startup.push(this.#runOwn(located, path, 'startup').then((outcome) => this.#afterOwnRun(outcome, path)));
          return;
        }
        if (gate.admit(event, path)) this.onFileEvent(event, path);
      },
      onDirectory: (event, path) => {
        if (ready) this.#onDirectory(event, path);
      },
      onError: (error) => {
        // chokidar reports a file it cannot stat (a symlink loop in place of a sheet) as an error, never as `add`:
        // run the path like a save, so the pipeline reads it and says once what is wrong with it.
        const path = errorPath(error);
        if (ready && path !== undefined && folders.locate(path) && gate.admit('change', path)) return this.onFileEvent('change', path);
        this.#log.error('watcher error', { error: String(error) });
      },
    });
    ready = true;
    await Promise.allSettled(startup);
    await this.watchImports();
  }

  /** A file event this hub runs (now, or when it takes over as the cluster's leader). */
  onFileEvent(_event: FileEvent, path: string): void {
    hop?.('watcher event');
    // Deletions too: the artifact goes (or another file defining it takes over), and artifacts that import the file reload.
    this.#sync.notify(path);
  }

  /**
   * Watches files that artifacts import from outside the kind folders (a shared `lib/`), once each.
   * Their content is remembered first and checked again once chokidar watches them, so a change
   * made in between still reloads their dependents.
   */
  watchImports(): Promise<void> {
    // One at a time: `start()` awaiting this also waits for imports that a startup load queued.
    this.#importsWatched = this.#importsWatched
      .then(() => this.#watchNewImports())
      .catch((error: unknown) => this.#log.error('cannot watch imports', { error: String(error) }));
    return this.#importsWatched;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#sync.close();
    this.#newFolders.close();
    this.#unreadable.close();
    await this.#watcher?.close();
  }

  #onDirectory(event: 'addDir' | 'unlinkDir', path: string): void {
    const { folders, root } = this.#options;
    if (folders.folders.some((f) => f.dir === path)) {
      this.#log.info(`${event === 'addDir' ? 'now watching' : 'folder removed:'} ${rootRelative(root, path)}`);
    }
    if (event === 'addDir' && folders.kindOfPath(path)) this.#newFolders.add(path);
  }

  async #onFileChanged(path: string): Promise<boolean> {
    hop?.('run start');
    const { folders, dependencies } = this.#options;
    const located = folders.locate(path);
    // Its own artifact first: an importer announced before it commits would pin a version not served yet.
    const own = located ? await this.#runOwn(located, path, 'file') : undefined;
    if (own) this.#afterOwnRun(own, path);
    const dependents = await dependencies.reload(path);
    return own?.status === 'event' || dependents;
  }

  /** Runs the artifact `path` defines, once it is known which file defines it (`IdClaims`: one file per artifact). */
  #runOwn(located: LocatedFile, path: string, trigger: 'startup' | 'file'): Promise<ReloadOutcome> {
    const { folders, pipeline, root, remove } = this.#options;
    const { kind, id } = located;
    return this.#claimQueue.run(`${kind}/${id}`, async (): Promise<ReloadOutcome> => {
      const claim = await this.#claims.claim(`${kind}/${id}`, path);
      const cause = (file: string) => (trigger === 'file' ? { cause: { file: rootRelative(root, file) } } : {});
      switch (claim.action) {
        case 'load': {
          const file = claim.file;
          return pipeline.reload({ ...(folders.locate(file) ?? located), file, trigger, ...cause(file) });
        }
        case 'refuse': {
          const [mine, theirs] = [rootRelative(root, path), rootRelative(root, claim.owner)];
          const message = `${mine} defines ${kind} "${id}" too, which ${theirs} already defines: it is ignored until one of them is removed or renamed`;
          return pipeline.refuse({ ...located, file: path, trigger, ...cause(path) }, { message, file: path });
        }
        case 'none':
          return { status: 'unchanged' };
        case 'remove':
          return remove(kind, id, trigger);
        default: {
          const never: never = claim;
          return never;
        }
      }
    });
  }

  /** A run that failed may have lacked the permission to read the file: then it is looked after until it is readable. */
  #afterOwnRun(outcome: ReloadOutcome, path: string): void {
    if (outcome.status === 'event' && outcome.event.name === 'reload_failed') this.#unreadable.check(path);
  }

  /** A file that became readable: chokidar watches it afresh (it gave up on it) and it runs like a save. */
  #watchAgain(path: string): void {
    if (this.#closed || !this.#watcher) return;
    this.#watcher.unwatch(path);
    this.#watcher.add(path);
    this.#sync.notify(path);
  }

  async #watchNewImports(): Promise<void> {
    const { folders, dependencies } = this.#options;
    const fresh = [...dependencies.importedFiles()].filter((f) => !folders.include(f) && !this.#watchedImports.has(f));
    if (!fresh.length || !this.#watcher) return;
    for (const file of fresh) {
      this.#watchedImports.add(file);
      this.#importDirs.add(dirname(file));
    }
    await Promise.all(fresh.map((file) => dependencies.remember(file)));
    await watchAdded(this.#watcher, fresh, IMPORT_WATCH_TIMEOUT_MS);
    for (const file of fresh) this.#sync.notify(file);
  }
}

/** The file a filesystem error names (`error.path` of Node's errno errors). */
function errorPath(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'path' in error && typeof error.path === 'string' ? error.path : undefined;
}
