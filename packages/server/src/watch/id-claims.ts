import { statSync } from 'node:fs';
import { errorCode } from '../util/errors.js';

/** What to do with a file event for an artifact, once it is known which file defines the artifact. */
export type Claim =
  /** `file` defines the artifact (the event's file, or another one that takes over from it): run it. */
  | { action: 'load'; file: string }
  /** Another file, `owner`, already defines the artifact: report it (once, until one of them is gone). */
  | { action: 'refuse'; owner: string }
  /** Nothing to do: the refusal was reported already, or a file that never defined the artifact is gone. */
  | { action: 'none' }
  /** No file defines the artifact any more. */
  | { action: 'remove' };

/**
 * One file per artifact: the first file seen for an id defines it, a second one (`app.json` beside
 * `app.yaml`, `p.js` beside `p/index.js`) is refused until one of them is gone, so the two never take
 * turns. A file seen while the one that defined the artifact is gone (a rename to `.ts`, `.mjs`,
 * `p/index.js`) takes over. Callers run claims of one artifact one at a time.
 */
export class IdClaims {
  /** The file that defines each artifact. */
  readonly #owners = new Map<string, string>();
  /** Files refused for each artifact, reported once each. */
  readonly #refused = new Map<string, Set<string>>();

  /** The file `path` of artifact `key` was added, changed or deleted. */
  async claim(key: string, path: string): Promise<Claim> {
    const owner = this.#owners.get(key);
    const refused = this.#refused.get(key) ?? new Set<string>();
    this.#refused.set(key, refused);
    if (await exists(path)) {
      if (owner === undefined || owner === path || !(await exists(owner))) {
        refused.delete(path);
        this.#owners.set(key, path);
        return { action: 'load', file: path };
      }
      if (refused.has(path)) return { action: 'none' };
      refused.add(path);
      return { action: 'refuse', owner };
    }
    refused.delete(path);
    if (owner !== path) return { action: 'none' };
    this.#owners.delete(key);
    for (const next of refused) {
      refused.delete(next);
      if (!(await exists(next))) continue;
      this.#owners.set(key, next);
      return { action: 'load', file: next };
    }
    return { action: 'remove' };
  }
}

/**
 * Anything at the path, even what cannot be read (a directory, a link loop): a run reports why.
 * Synchronous: one stat is microseconds, a thread-pool round trip ~1 ms of every save on a loaded machine (issue 18).
 */
async function exists(path: string): Promise<boolean> {
  try {
    statSync(path);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ENOENT';
  }
}
