import { accessSync, constants } from 'node:fs';
import { errorCode } from '../util/errors.js';

/** How often an unreadable file is looked at again: a `stat`-sized call per file, off the save path. */
const CHECK_EVERY_MS = 1000;
/** Files looked after at once; past it (a folder chmod-ed at once) a file is picked up by its next add. */
const MAX_FILES = 256;

/**
 * Files the hub may not read (`chmod 000`, another user's file): inotify cannot watch a file its process may
 * not read, so once chokidar failed to, a later `chmod 644` and saves in place are never reported (found in
 * issue 12's chmod test). Each is checked every second until it is readable or gone, then handed back
 * (`onReadable`) to be watched again and run like a save.
 */
export class UnreadableFiles {
  readonly #files = new Set<string>();
  readonly #onReadable: (path: string) => void;
  #timer: NodeJS.Timeout | undefined;

  constructor(onReadable: (path: string) => void) {
    this.#onReadable = onReadable;
  }

  /** After a failed run of `path`: looks after it when the failure was a permission it lacks. */
  check(path: string): void {
    if (this.#files.has(path) || this.#files.size >= MAX_FILES || readable(path) !== false) return;
    this.#files.add(path);
    this.#timer ??= setInterval(() => this.#recheck(), CHECK_EVERY_MS).unref();
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#files.clear();
  }

  #recheck(): void {
    for (const path of this.#files) {
      if (readable(path) === false) continue;
      this.#files.delete(path);
      this.#onReadable(path);
    }
    if (!this.#files.size) this.close();
  }
}

/** False when the process lacks the permission to read `path`; true when it may; undefined when it is gone or else. */
function readable(path: string): boolean | undefined {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch (error) {
    const code = errorCode(error);
    return code === 'EACCES' || code === 'EPERM' ? false : undefined;
  }
}
