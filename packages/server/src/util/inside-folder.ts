import { realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

/** True when `child` is strictly inside `parent`. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * True when `file` exists but its real path (symlinks followed) is outside the real path of `dir`:
 * a link inside a watched folder pointing out of it. A missing file does not escape.
 */
export async function escapesFolder(dir: string, file: string): Promise<boolean> {
  // Synchronous: two realpaths are microseconds; through the thread pool they were a round trip of every save (issue 18).
  const realFile = realpathOr(file, undefined);
  return realFile !== undefined && !isInside(realpathOr(dir, dir), realFile);
}

function realpathOr<T>(path: string, fallback: T): string | T {
  try {
    return realpathSync.native(path);
  } catch {
    return fallback;
  }
}
