import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { canRunAsNobody, giveToNobody, NOBODY } from './support/nobody.js';
import { eventually } from './support/poll.js';
import { tempRoot } from './support/temp-root.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/config-hub.mjs', import.meta.url));
/** The JSON lines a child printed so far. */
function jsonLines(child: ChildProcess): () => Record<string, unknown>[] {
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  return () =>
    out
      .split('\n')
      .filter(Boolean)
      .map((line): Record<string, unknown> => JSON.parse(line));
}

// Root reads any file, so the hub runs in a child process as `nobody` (built dist) against a
// file only root may read: a real EACCES from the kernel, not a simulated one.
describe.runIf(canRunAsNobody)('config permission denied', () => {
  it('reports reload_failed and keeps the last good config', async () => {
    const root = await tempRoot({ 'config/app.yaml': 'level: 1\n' });
    await giveToNobody(root);
    const child = spawn(process.execPath, [FIXTURE, root], { uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'inherit'] });
    onTestFinished(() => void child.kill('SIGKILL'));
    const lines = jsonLines(child);
    await eventually(() => expect(lines()).toContainEqual({ event: 'ready', app: { level: 1 } }), 15_000);

    // A new version that only root may read replaces the file in one rename.
    const unreadable = join(root, 'config', 'app.yaml.new.tmp');
    await writeFile(unreadable, 'level: 2\n');
    await chmod(unreadable, 0o600);
    await rename(unreadable, join(root, 'config', 'app.yaml'));

    await eventually(() =>
      expect(lines()).toContainEqual({
        event: 'reload_failed',
        id: 'app',
        error: { message: 'permission denied reading config/app.yaml', file: 'config/app.yaml' },
        app: { level: 1 },
      }),
    );
  });
});
