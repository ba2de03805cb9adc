import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isNoise } from './create-watcher.js';

/**
 * Every file under a folder just created. chokidar starts watching a new folder only after it
 * reports it, so files written into it in between may never get an `add`: the hub lists them itself.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !isNoise(file, undefined, dir));
}
