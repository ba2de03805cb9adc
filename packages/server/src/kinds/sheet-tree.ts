import { readFile } from 'node:fs/promises';
import { contentHash } from '../util/content-hash.js';
import { errorCode } from '../util/errors.js';

/** A sheet with every sheet it `@import`s, directly or through partials. */
export interface SheetTree {
  /** Changes whenever the sheet or any sheet it imports does. */
  version: string;
  /** The imported files (absolute), the sheet's own file excluded. */
  files: string[];
}

/**
 * Versions a sheet with its imports: saving a partial gives its importers a new `?v=`, so a page that
 * already applied the importer's URL fetches it again (and the browser the partial behind it).
 * `imports` maps each known sheet to its direct imports.
 */
export async function sheetTree(file: string, bytes: Uint8Array, imports: ReadonlyMap<string, readonly string[]>): Promise<SheetTree> {
  const own = contentHash(bytes);
  const files: string[] = [];
  const versions: string[] = [];
  const queue = [...(imports.get(file) ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (next === file || files.includes(next)) continue;
    files.push(next);
    versions.push(await fileVersion(next));
    queue.push(...(imports.get(next) ?? []));
  }
  return { version: files.length ? contentHash([own, ...versions].join('\n')) : own, files };
}

async function fileVersion(file: string): Promise<string> {
  try {
    return contentHash(await readFile(file));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw error;
  }
}
