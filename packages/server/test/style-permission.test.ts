import { chmod, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listeningUrl, runCli } from './support/cli.js';
import { connectClient } from './support/hub.js';
import { canRunAsNobody, giveToNobody, NOBODY } from './support/nobody.js';
import { eventually } from './support/poll.js';
import { tempRoot } from './support/temp-root.js';

// The hub runs as `nobody` (built CLI) against a sheet only root may read: a real EACCES.
describe.runIf(canRunAsNobody)('stylesheet permission denied', () => {
  it('sends reload_failed naming the file and keeps serving the last good sheet', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: red }' });
    await giveToNobody(root);
    const run = runCli(['--root', root, '--port', '0'], {}, { uid: NOBODY, gid: NOBODY });
    const url = await listeningUrl(run);
    const client = await connectClient(url);

    const unreadable = join(root, 'styles', 'main.css.new.tmp');
    await writeFile(unreadable, 'a { color: blue }');
    await chmod(unreadable, 0o600);
    await rename(unreadable, join(root, 'styles', 'main.css'));

    // Paths in events are root-relative (docs/architecture.md, "Paths in events").
    const file = 'styles/main.css';
    await eventually(() =>
      expect(client.failed).toContainEqual(
        expect.objectContaining({ kind: 'style', id: 'main.css', error: { message: `permission denied reading ${file}`, file } }),
      ),
    );
    expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a { color: red }');
    expect(run.child.exitCode).toBeNull();
  });
});
