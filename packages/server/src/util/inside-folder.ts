import { realpath } from 'node:fs/promises';
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
  const [realDir, realFile] = await Promise.all([realpath(dir).catch(() => dir), realpath(file).catch(() => undefined)]);
  return realFile !== undefined && !isInside(realDir, realFile);
}
