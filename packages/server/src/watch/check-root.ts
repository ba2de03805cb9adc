import { statSync } from 'node:fs';
import { errorCode } from '../util/errors.js';

/**
 * Refuses a root that is not a folder: the hub keeps `.hothub/` in it and watches under it, so a
 * mistyped `--root` must stop the hub instead of creating folders wherever it points.
 */
export function checkRoot(root: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new Error(`root ${root} does not exist: create it or pass --root with an existing folder`);
    throw error;
  }
  if (!isDirectory) throw new Error(`root ${root} is a file, not a folder: pass --root with the folder to watch`);
}
