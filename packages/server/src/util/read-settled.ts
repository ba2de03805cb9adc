import { errorMessage } from '@hothub/shared';
import { readFile, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { ReloadFailure, errorCode } from './errors.js';

/** A save caught mid-write usually ends within a millisecond: retry soon, then back off to this. */
const RETRY_MS = 4;
const MAX_WAIT_MS = 200;
/** A file truncated to zero bytes is usually mid-save (`open(O_TRUNC)` then `write`). */
const EMPTY_GRACE_MS = 40;

/**
 * Reads a file once its writer is done: the size and mtime must be the same before
 * and after the read, so a half-written file is never returned. No delay when the file is settled.
 * Throws `ReloadFailure` for unreadable files and files over `maxBytes` (checked before reading);
 * ENOENT is rethrown as is (the file is being replaced or deleted).
 */
export async function readSettled(file: string, maxBytes = Infinity): Promise<Buffer> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    const before = await statOrThrow(file);
    if (before.size > maxBytes) throw new ReloadFailure(`${file} is ${before.size} bytes, over the limit of ${maxBytes}`, { file });
    const bytes = await readFile(file).catch((error: unknown) => rethrow(error, file));
    const after = await statOrThrow(file);
    const settled = before.mtimeMs === after.mtimeMs && before.size === after.size && bytes.length === after.size;
    const waited = performance.now() - started;
    if (settled && (bytes.length > 0 || waited >= EMPTY_GRACE_MS)) return bytes;
    if (waited >= MAX_WAIT_MS) return bytes;
    await delay(Math.min(RETRY_MS, 2 ** attempt));
  }
}

async function statOrThrow(file: string) {
  const info = await stat(file).catch((error: unknown) => rethrow(error, file));
  if (!info.isFile()) throw new ReloadFailure(`${file} is not a regular file`, { file });
  return info;
}

function rethrow(error: unknown, file: string): never {
  const code = errorCode(error);
  if (code === 'ENOENT') throw error;
  if (code === 'EACCES' || code === 'EPERM') throw new ReloadFailure(`permission denied reading ${file}`, { file });
  if (code === 'EISDIR') throw new ReloadFailure(`${file} is a directory`, { file });
  throw new ReloadFailure(`cannot read ${file}: ${errorMessage(error)}`, { file });
}
