import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per tool; `remove()` deletes it. */
export async function tempDir(name) {
  const dir = await mkdtemp(join(tmpdir(), `hothub-bench-${name}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
