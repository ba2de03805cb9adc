import { realpath, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KindName } from '@hothub/shared';
import { errorCode } from '../util/errors.js';
import { isNoise } from '../watch/create-watcher.js';
import { isInside, type KindFolders, type LocatedFile } from '../watch/kind-folders.js';

/** An artifact file found on disk. */
export interface FoundArtifact extends LocatedFile {
  file: string;
}

/**
 * Every artifact file under the folders of `kinds`, found by listing the disk (prod mode has no watcher).
 * A symlink counts only when its target stays inside the kind's folder.
 */
export async function findArtifacts(folders: KindFolders, kinds: readonly KindName[]): Promise<FoundArtifact[]> {
  const found: FoundArtifact[] = [];
  const seen = new Set<string>();
  for (const { kind, dir } of kinds.flatMap((kind) => folders.dirsOf(kind).map((dir) => ({ kind, dir })))) {
    const realDir = await realpath(dir).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (!realDir) continue;
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    const inFolder: FoundArtifact[] = [];
    for (const entry of entries) {
      const file = join(entry.parentPath, entry.name);
      if (
        isNoise(file, (path) => folders.named(path), folders.root) ||
        !(entry.isFile() || (entry.isSymbolicLink() && (await linksToFileInside(file, realDir))))
      )
        continue;
      const located = folders.locate(file);
      // A rule's static part may hold a kind folder (`**/*.css` from the root): each file once.
      if (located?.kind === kind && !seen.has(file)) inFolder.push({ ...located, file });
      seen.add(file);
    }
    found.push(...inFolder.sort((a, b) => a.id.localeCompare(b.id)));
  }
  return found;
}

async function linksToFileInside(link: string, realDir: string): Promise<boolean> {
  try {
    const target = await realpath(link);
    return isInside(realDir, target) && (await stat(target)).isFile();
  } catch {
    return false;
  }
}
