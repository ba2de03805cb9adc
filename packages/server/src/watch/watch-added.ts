import { dirname } from 'node:path';
import type { FSWatcher } from 'chokidar';

/**
 * Adds files to a running watcher, with their folders so that a file deleted and created again is
 * seen (the caller's `include` must keep those folders, and only the wanted files in them), and
 * resolves once chokidar reports each file (its `add`): a change made after that is never missed.
 * A file deleted meanwhile is never reported: the wait ends after `timeoutMs` at most.
 */
export async function watchAdded(watcher: FSWatcher, files: string[], timeoutMs: number): Promise<void> {
  const pending = new Set(files);
  let onAdd: ((path: string) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    onAdd = (path) => {
      pending.delete(path);
      if (!pending.size) resolve();
    };
    timer = setTimeout(resolve, timeoutMs);
    watcher.on('add', onAdd);
    watcher.add([...new Set(files.map((file) => dirname(file))), ...files]);
  });
  clearTimeout(timer);
  if (onAdd) watcher.off('add', onAdd);
}
