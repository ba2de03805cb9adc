import type { SoonChange } from './soon-change.js';

/**
 * Turns a stream of file events into as few runs as possible, never losing the last content:
 * events arriving during a run coalesce into one more run, and every run is followed by a
 * re-check, because chokidar drops a second `change` within 50 ms and sends no trailing one
 * (chokidar#1455). Re-checks go on while they find new content. A `soonChange` watch, started with
 * each run and kept until its re-check, starts the next run as soon as the file changes again
 * (issue 18: the final save of a burst no longer waits for the re-check). Once a file's sequence ends, the
 * watch is kept on the last `WARM_FILES` files saved, so their next save starts a run without waiting for
 * chokidar, which stats the file before it reports it (issue 18: ~1 ms of a save).
 */
export interface FileSyncOptions {
  /** Handles the file; resolves true when it found new content (then it is re-checked again). */
  run(path: string): Promise<boolean>;
  /** Optional quiet period before a run. */
  debounceMs: number;
  /** Must exceed chokidar's 50 ms change throttle. */
  recheckMs?: number;
  /** Notices a change between a run's start and its re-check sooner than the re-check does. */
  soonChange?: SoonChange | undefined;
  onError(error: unknown, path: string): void;
}

interface FileState {
  running: boolean;
  pending: boolean;
  timer?: NodeJS.Timeout;
  /** Stops the `soonChange` watch of the current run. */
  stopWatch?: (() => void) | undefined;
}

/** Recently saved files kept under a raw watch between saves: a developer edits a handful of files at a time. */
const WARM_FILES = 16;

export class FileSync {
  readonly #files = new Map<string, FileState>();
  /** Files whose sequence ended, oldest first, with the function stopping their watch. */
  readonly #warm = new Map<string, () => void>();
  readonly #recheckMs: number;
  #closed = false;

  constructor(private readonly options: FileSyncOptions) {
    this.#recheckMs = options.recheckMs ?? 75;
  }

  /** A watcher saw the file change. */
  notify(path: string): void {
    if (this.#closed) return;
    const state = this.#state(path);
    clearTimeout(state.timer);
    if (this.options.debounceMs > 0) state.timer = setTimeout(() => this.#start(path), this.options.debounceMs);
    else this.#start(path);
  }

  /** Stops every pending re-check. */
  close(): void {
    this.#closed = true;
    for (const state of this.#files.values()) {
      clearTimeout(state.timer);
      state.stopWatch?.();
    }
    this.#files.clear();
    for (const stop of this.#warm.values()) stop();
    this.#warm.clear();
  }

  #state(path: string): FileState {
    let state = this.#files.get(path);
    if (!state) this.#files.set(path, (state = { running: false, pending: false }));
    return state;
  }

  #start(path: string, recheck = false): void {
    const state = this.#state(path);
    if (state.running) {
      state.pending = true;
      return;
    }
    state.running = true;
    this.#warm.get(path)?.();
    this.#warm.delete(path);
    state.stopWatch?.();
    state.stopWatch = this.options.soonChange?.(path, () => this.#changedSoon(path, state));
    this.options
      .run(path)
      .catch((error: unknown) => {
        this.options.onError(error, path);
        return false;
      })
      .then((changed) => this.#finish(path, state, changed, recheck));
  }

  /** The file changed after its run started: run it again now (after the run in progress) rather than at the re-check. */
  #changedSoon(path: string, state: FileState): void {
    state.stopWatch = undefined;
    if (this.#closed || this.#files.get(path) !== state) return;
    if (state.running) {
      state.pending = true;
      return;
    }
    clearTimeout(state.timer);
    this.#start(path);
  }

  /**
   * Every run a watcher event caused is re-checked once, even when it found nothing new: the
   * event may have been the first of two saves and chokidar may drop the second. A re-check
   * that finds nothing new ends the sequence.
   */
  #finish(path: string, state: FileState, changed: boolean, wasRecheck: boolean): void {
    state.running = false;
    if (this.#closed) return;
    if (state.pending) {
      state.pending = false;
      this.#start(path);
    } else if (changed || !wasRecheck) {
      state.timer = setTimeout(() => this.#start(path, true), this.#recheckMs);
    } else {
      state.stopWatch?.();
      this.#files.delete(path);
      this.#keepWarm(path);
    }
  }

  /** Watches a file whose sequence ended until its next save (or until newer ones push it out). */
  #keepWarm(path: string): void {
    const { soonChange } = this.options;
    if (!soonChange) return;
    const stop = soonChange(path, () => {
      this.#warm.delete(path);
      this.notify(path);
    });
    this.#warm.set(path, stop);
    for (const [oldest, stopOldest] of this.#warm) {
      if (this.#warm.size <= WARM_FILES) break;
      stopOldest();
      this.#warm.delete(oldest);
    }
  }
}
