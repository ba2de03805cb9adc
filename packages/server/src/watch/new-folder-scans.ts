import { isInside } from './kind-folders.js';
import { listFiles } from './list-files.js';

/**
 * chokidar reports a new folder (`addDir`), lists it, and only then watches it: a file written in
 * between gets no `add`. The hub lists a new folder itself until chokidar surely watches it, at
 * growing intervals; the pipeline skips files it already loaded, so extra listings cost a read each.
 */
const SCAN_AFTER_MS = [0, 50, 250, 1000, 3000];

export class NewFolderScans {
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Folders being scanned; a folder inside one of them is covered by its recursive listing. */
  readonly #scanning = new Set<string>();

  constructor(
    private readonly onFile: (file: string) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(dir: string): void {
    if ([...this.#scanning].some((scanned) => scanned === dir || isInside(scanned, dir))) return;
    this.#scanning.add(dir);
    SCAN_AFTER_MS.forEach((delay, i) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (i === SCAN_AFTER_MS.length - 1) this.#scanning.delete(dir);
        listFiles(dir).then((files) => files.forEach(this.onFile), this.onError);
      }, delay);
      this.#timers.add(timer);
    });
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#scanning.clear();
  }
}
