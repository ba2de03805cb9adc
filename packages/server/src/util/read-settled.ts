import { errorMessage } from '@hothub/shared';
import { readFileSync, statSync } from 'node:fs';
import { setImmediate, setTimeout as delay } from 'node:timers/promises';
import { ReloadFailure, errorCode } from './errors.js';
import { hop } from './hop-trace.js';

/** A save caught mid-write usually ends within a millisecond: retry soon, then back off to this. */
const RETRY_MS = 4;
const MAX_WAIT_MS = 200;
/** A file truncated to zero bytes is usually mid-save (`open(O_TRUNC)` then `write`). */
const EMPTY_GRACE_MS = 40;

/**
 * Reads a file once its writer is done: the size and mtime must be the same before
 * and after the read, so a half-written file is never returned. No delay when the file is settled.
 * Each attempt is synchronous (issue 18): stat, read, stat of a source file take ~20 µs of the loop, where the
 * same calls through the thread pool were 7 round trips, 2–10 ms of a save on a loaded 2-core machine
 * (docs/benchmarks.md, "Where the time goes").
 * Throws `ReloadFailure` for unreadable files and files over `maxBytes` (checked before reading);
 * ENOENT is rethrown as is (the file is being replaced or deleted).
 */
export async function readSettled(file: string, maxBytes = Infinity): Promise<Buffer> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    const before = statOrThrow(file);
    if (before.size > maxBytes) throw new ReloadFailure(`${file} is ${before.size} bytes, over the limit of ${maxBytes}`, { file });
    const bytes = orThrow(() => readFileSync(file), file);
    const after = statOrThrow(file);
    const settled = before.mtimeMs === after.mtimeMs && before.size === after.size && bytes.length === after.size;
    const waited = performance.now() - started;
    if (settled && (bytes.length > 0 || waited >= EMPTY_GRACE_MS)) return bytes;
    if (waited >= MAX_WAIT_MS) return bytes;
    hop?.(bytes.length ? 'read retry: file still changing' : 'read retry: file empty');
    // First a turn of the event loop only: a save seen at its `open(O_TRUNC)` has its bytes a moment later.
    await (attempt === 0 ? setImmediate() : delay(Math.min(RETRY_MS, 2 ** (attempt - 1))));
  }
}

function statOrThrow(file: string) {
  const info = orThrow(() => statSync(file), file);
  if (!info.isFile()) throw new ReloadFailure(`${file} is not a regular file`, { file });
  return info;
}

/** Runs a synchronous read, turning its errors into the messages above. */
function orThrow<T>(read: () => T, file: string): T {
  try {
    return read();
  } catch (error) {
    return rethrow(error, file);
  }
}

function rethrow(error: unknown, file: string): never {
  const code = errorCode(error);
  if (code === 'ENOENT') throw error;
  if (code === 'EACCES' || code === 'EPERM') throw new ReloadFailure(`permission denied reading ${file}`, { file });
  if (code === 'EISDIR') throw new ReloadFailure(`${file} is a directory`, { file });
  throw new ReloadFailure(`cannot read ${file}: ${errorMessage(error)}`, { file });
}
