import { chmod, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listeningUrl, runCli } from './support/cli.js';
import { connectClient, type RecordingClient, startHub } from './support/hub.js';
import { canRunAsNobody, giveToNobody, NOBODY } from './support/nobody.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

/**
 * Waits for a save of another file to come through, three times over: a failure reported on every
 * re-check (75 ms apart) would have been counted meanwhile.
 */
async function afterOtherSaves(root: string, client: RecordingClient): Promise<void> {
  for (let i = 1; i <= 3; i++) {
    const before = client.reloaded.length;
    await write(root, 'styles/other.css', `b { order: ${i} }`);
    await eventually(() => expect(client.reloaded.length).toBeGreaterThan(before));
  }
}

describe('a file that cannot be read is reported once per cause', () => {
  it('a directory, then a link loop in its place: one reload_failed each, the last good version serves, a good save recovers', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: red }', 'styles/other.css': 'b {}' });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const main = join(root, 'styles/main.css');

    await rm(main);
    await mkdir(main);
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({ id: 'main.css', error: { message: 'styles/main.css is not a regular file', file: 'styles/main.css' } });
    await afterOtherSaves(root, client);
    expect(client.failed).toHaveLength(1);
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red }');

    // A new cause is reported again, once.
    await rm(main, { recursive: true });
    await symlink('main.css', main);
    await eventually(() => expect(client.failed).toHaveLength(2));
    expect(client.failed[1]!.error.message).toMatch(/^cannot read styles\/main\.css: ELOOP/);
    await afterOtherSaves(root, client);
    expect(client.failed).toHaveLength(2);

    await rm(main);
    await write(root, 'styles/main.css', 'a { color: green }');
    await eventually(async () => expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: green }'));
    expect(client.failed).toHaveLength(2);
  });

  it('a config over the size limit: one reload_failed, the last good config serves', async () => {
    const root = await tempRoot({ 'config/app.json': '{"a":1}', 'styles/other.css': 'b {}' });
    const hub = await startHub({ root, configMaxBytes: 64 });
    const client = await connectClient(hub.url!);
    await write(root, 'config/app.json', JSON.stringify({ a: 'x'.repeat(100) }));
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.error.message).toBe('config/app.json is 108 bytes, over the limit of 64');
    await afterOtherSaves(root, client);
    expect(client.failed).toHaveLength(1);
    expect(hub.config.get('app')).toEqual({ a: 1 });
    await write(root, 'config/app.json', '{"a":2}');
    await eventually(() => expect(hub.config.get('app')).toEqual({ a: 2 }));
  });
});

// Root reads any file: the hub runs as `nobody` (built CLI), so `chmod 000` is a real EACCES.
describe.runIf(canRunAsNobody)('a file its hub may not read (chmod 000)', () => {
  it('is reported once, not on every re-check; the last good version serves; made readable, it loads and its saves are seen again', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: red }', 'styles/other.css': 'b {}' });
    await giveToNobody(root);
    const run = runCli(['--root', root, '--port', '0'], {}, { uid: NOBODY, gid: NOBODY });
    const url = await listeningUrl(run);
    const client = await connectClient(url);

    // The new version appears unreadable, in one rename, as an editor's atomic save would put it.
    const main = join(root, 'styles/main.css');
    await writeFile(`${main}.tmp`, 'a { color: blue }');
    await chmod(`${main}.tmp`, 0o000);
    await rename(`${main}.tmp`, main);
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({ id: 'main.css', error: { message: 'permission denied reading styles/main.css', file: 'styles/main.css' } });
    await afterOtherSaves(root, client);
    expect(client.failed).toHaveLength(1);
    expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a { color: red }');

    // Made readable, it loads; later saves in place are seen again (inotify could not watch it while unreadable).
    await chmod(main, 0o644);
    await eventually(async () => expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a { color: blue }'));
    await writeFile(main, 'a { color: green }');
    await eventually(async () => expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a { color: green }'));
    // Removed and written again, as an editor may, it loads too.
    await rm(main);
    await write(root, 'styles/main.css', 'a { color: teal }');
    await eventually(async () => expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a { color: teal }'));
    expect(client.failed).toHaveLength(1);
    expect(run.child.exitCode).toBeNull();
  });
});

describe('a link out of its kind folder', () => {
  it('is refused once and its bytes reach no event, history or snapshot; links inside the folder still load', async () => {
    const outside = await tempRoot({ 'secret.css': 'a { content: "top secret" }' });
    const root = await tempRoot({ 'styles/main.css': 'a {}', 'styles/other.css': 'b {}' });
    await symlink(join(outside, 'secret.css'), join(root, 'styles/at-start.css'));
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);

    await symlink(join(outside, 'secret.css'), join(root, 'styles/leak.css'));
    await symlink('main.css', join(root, 'styles/alias.css'));
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({
      id: 'leak.css',
      error: { message: 'styles/leak.css is a link to a file outside styles: move the file into the folder instead of linking to it' },
    });
    await eventually(() => expect(client.reloaded.map((e) => e.id)).toContain('alias.css'));
    await afterOtherSaves(root, client);
    expect(client.failed).toHaveLength(1);

    const ids = hub.artifacts().map((a) => a.id);
    expect(ids).toContain('alias.css');
    expect(ids).not.toContain('leak.css');
    expect(ids).not.toContain('at-start.css');
    const history = await (await fetch(`${hub.url}/reload/history`)).text();
    const onDisk = await readFile(join(root, '.hothub/history.jsonl'), 'utf8');
    const late = await connectClient(hub.url!);
    for (const seen of [history, onDisk, JSON.stringify(client.reloaded), JSON.stringify(late.connected)]) expect(seen).not.toContain('top secret');
  });
});
