import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * Notices that a file changed sooner than FileSync's re-check does: called when a run of the file starts,
 * it calls `onChange` at most once, when the file no longer is what it was then; the returned function stops it.
 * Best effort: the re-check still runs, so a change this misses is only slower, never lost.
 */
export type SoonChange = (path: string, onChange: () => void) => () => void;

/**
 * `stat` every `intervalMs`: a change of size, mtime or inode fires (a few stats per save, only while a
 * file is being saved). Started with the run, so the first stat is taken before (or as) the run reads.
 */
export function statPoll(intervalMs: number): SoonChange {
  return (path, onChange) => {
    let stopped = false;
    let first: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const tick = async (): Promise<void> => {
      const info = await stat(path, { bigint: true }).catch(() => undefined);
      if (stopped) return;
      const stamp = info ? `${info.ino}:${info.size}:${info.mtimeNs}` : 'gone';
      first ??= stamp;
      if (stamp !== first) {
        stopped = true;
        return onChange();
      }
      timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  };
}

/** Raw `fs.watch` (inotify) on the file, beside chokidar, whose `change` events are throttled (chokidar#1455). */
export const rawWatch: SoonChange = (path, onChange) => {
  let fired = false;
  try {
    const watcher = watch(path, { persistent: false }, () => {
      if (fired) return;
      fired = true;
      watcher.close();
      onChange();
    });
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  } catch {
    return () => {};
  }
};

/** Which one the hub uses; switchable for the bench while measuring (HOTHUB_SOON_CHANGE=stat|raw|off). */
export const SOON_CHANGE: SoonChange | undefined =
  process.env.HOTHUB_SOON_CHANGE === 'off' ? undefined : process.env.HOTHUB_SOON_CHANGE === 'raw' ? rawWatch : statPoll(Number(process.env.HOTHUB_SOON_STAT_MS ?? 3));
