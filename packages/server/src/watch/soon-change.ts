import { watch } from 'node:fs';

/**
 * Notices that a file changed sooner than FileSync's re-check does: called when a run of the file starts,
 * it calls `onChange` at most once, when the file changes after that; the returned function stops it.
 * Best effort: the re-check still runs, so a change this misses is only slower, never lost.
 */
export type SoonChange = (path: string, onChange: () => void) => () => void;

/** Files watched this way at once; past it (a checkout saving thousands of files) the re-check alone covers them. */
const MAX_RAW_WATCHES = 64;
let rawWatches = 0;

/**
 * Raw `fs.watch` (inotify on Linux) on the file, beside chokidar, whose `change` events are throttled to one
 * per 50 ms with no trailing one (chokidar#1455). Measured against a `stat` poll every 3 ms in docs/benchmarks.md
 * ("Final save of a burst"): faster, and it costs no thread-pool work between saves.
 */
export const rawWatch: SoonChange = (path, onChange) => {
  if (rawWatches >= MAX_RAW_WATCHES) return () => {};
  let open = true;
  const stop = () => {
    if (!open) return;
    open = false;
    rawWatches--;
    watcher.close();
  };
  let watcher: ReturnType<typeof watch>;
  try {
    watcher = watch(path, { persistent: false }, () => {
      if (!open) return;
      stop();
      onChange();
    });
  } catch {
    // Gone already, or out of watches (ENOSPC): the re-check covers it.
    return () => {};
  }
  rawWatches++;
  watcher.on('error', stop);
  return stop;
};
