import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listeningUrl, runCli } from './support/cli.js';
import { freePort } from './support/free-port.js';
import { startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { SeqClient } from './support/seq-client.js';
import { tempRoot, write } from './support/temp-root.js';

const FILES = 100;
const names = Array.from({ length: FILES }, (_, i) => `s${String(i).padStart(3, '0')}.css`);
const sheet = (name: string, version: number) => `.${name.slice(0, 4)}{order:${version}}`;

/** The sheets a page applied last, by id. */
function lastApplied(page: SeqClient): Map<string, string | undefined> {
  return new Map(page.applied.map((event) => [event.id, event.content]));
}

describe('a hub killed mid-burst (issue 12)', () => {
  it('restarts above every seq a page saw: the page ends with every sheet current, then applies the next save', async () => {
    const root = await tempRoot(Object.fromEntries(names.map((name) => [`styles/${name}`, sheet(name, 1)])));
    const port = String(await freePort());
    const first = runCli(['--root', root, '--port', port]);
    const page = new SeqClient();
    await page.connect(await listeningUrl(first));

    // ~100 files changed at once, as a `git checkout` does; killed as the events go out.
    await Promise.all(names.map((name) => write(root, `styles/${name}`, sheet(name, 2))));
    await eventually(() => expect(page.applied.length).toBeGreaterThanOrEqual(20), 15_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const seen = Math.max(...page.applied.map((event) => event.seq));

    const second = runCli(['--root', root, '--port', port]);
    await page.connect(await listeningUrl(second));
    await eventually(() => {
      const applied = lastApplied(page);
      expect(names.filter((name) => applied.get(name) !== sheet(name, 2))).toEqual([]);
    }, 15_000);
    expect(Math.min(...page.applied.filter((event) => event.trigger === 'startup').map((event) => event.seq))).toBeGreaterThan(seen);

    await write(root, 'styles/s000.css', sheet('s000.css', 3));
    await eventually(() => expect(lastApplied(page).get('s000.css')).toBe(sheet('s000.css', 3)), 10_000);
    expect(page.repeated).toEqual([]);
    const mark = JSON.parse(await readFile(join(root, '.hothub/seq-reserved.json'), 'utf8')) as unknown;
    expect(mark).toMatchObject({ reserved: expect.any(Number) });
  }, 60_000);

  it('numbers above the mark an earlier run left, and lowers the mark to the latest number on a clean stop', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}', '.hothub/seq-reserved.json': '{"reserved":5000}' });
    const hub = await startHub({ root });
    expect(hub.seq).toBe(5001);
    await hub.stop();
    expect(JSON.parse(await readFile(join(root, '.hothub/seq-reserved.json'), 'utf8'))).toEqual({ reserved: 5001 });
  });

  it.each([
    ['not JSON', '{"reserved":'],
    ['a negative mark', '{"reserved":-1}'],
    ['a mark above 2^40', `{"reserved":${2 ** 53 - 1}}`],
  ])('ignores %s in .hothub/seq-reserved.json and serves', async (_, mark) => {
    const root = await tempRoot({ 'styles/a.css': 'a{}', '.hothub/seq-reserved.json': mark });
    const hub = await startHub({ root });
    expect(hub.seq).toBe(1);
    expect(await (await fetch(`${hub.url}/assets/style/a.css`)).text()).toBe('a{}');
    await write(root, 'styles/a.css', 'a{color:red}');
    await eventually(async () => expect(await (await fetch(`${hub.url}/assets/style/a.css`)).text()).toBe('a{color:red}'));
  });
});
