import type { KindName } from '@hothub/shared';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { pluginSource, wizardSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const component = (label: string) => `export default { mount(el) { el.textContent = '${label}'; } };\n`;

/** Two files defining one artifact: the one present at start, the second added later; and how each is written. */
const pairs: Array<{ kind: KindName; id: string; first: string; second: string; source: (v: string) => string; secondSource?: (v: string) => string }> = [
  { kind: 'config', id: 'app', first: 'config/app.json', second: 'config/app.yaml', source: (v) => JSON.stringify({ v }), secondSource: (v) => `v: ${v}\n` },
  { kind: 'theme', id: 'dark', first: 'themes/dark.json', second: 'themes/dark.css', source: (v) => JSON.stringify({ color: { text: `#${v}` } }), secondSource: (v) => `:root { --v: ${v}; }` },
  { kind: 'wizard', id: 'a', first: 'wizards/a_wizard.js', second: 'wizards/a_wizard.ts', source: (v) => wizardSource(v) },
  { kind: 'plugin', id: 'p', first: 'plugins/p.js', second: 'plugins/p/index.js', source: (v) => pluginSource(v) },
  { kind: 'component', id: 'c', first: 'components/c.js', second: 'components/c.mjs', source: (v) => component(v) },
];

describe('one file per artifact', () => {
  it.each(pairs)('$kind: a second file for $id is refused once, naming both files; removing the first loads it', async ({ kind, id, first, second, source, secondSource = source }) => {
    const root = await tempRoot({ [first]: source('111') });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const served = () => hub.artifacts().find((a) => a.kind === kind && a.id === id)?.source.path;

    await write(root, second, secondSource('222'));
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({
      kind,
      id,
      error: { file: second, message: `${second} defines ${kind} "${id}" too, which ${first} already defines: it is ignored until one of them is removed or renamed` },
    });
    // The first file keeps defining it: a save of it reloads, a save of the second stays refused without a new report.
    await write(root, second, secondSource('333'));
    await write(root, first, source('444'));
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    expect(client.reloaded[0]).toMatchObject({ kind, id });
    expect(served()).toBe(join(root, first));

    await rm(join(root, first));
    await eventually(() => expect(served()).toBe(join(root, second)));
    // A last save: had the two files taken turns, their events would be counted here too.
    await write(root, second, secondSource('555'));
    await eventually(() => expect(client.reloaded.length).toBeGreaterThanOrEqual(3));
    expect(client.failed).toHaveLength(1);
    expect(client.reloaded.map((e) => e.removed ?? false)).toEqual([false, false, false]);
    expect(served()).toBe(join(root, second));
  });

  it.each([
    { kind: 'wizard', id: 'x', from: 'wizards/x_wizard.js', to: 'wizards/x_wizard.ts', source: (v: string) => wizardSource(v) },
    { kind: 'component', id: 'c', from: 'components/c.js', to: 'components/c.mjs', source: component },
    { kind: 'plugin', id: 'p', from: 'plugins/p.js', to: 'plugins/p/index.js', source: (v: string) => pluginSource(v) },
    { kind: 'config', id: 'app', from: 'config/app.json', to: 'config/app.yml', source: (v: string) => JSON.stringify({ v }) },
  ] as const)('$kind: renaming $from to $to keeps it loaded from the new file', async ({ kind, id, from, to, source }) => {
    const root = await tempRoot({ [from]: source('1') });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const served = () => hub.artifacts().find((a) => a.kind === kind && a.id === id)?.source.path;
    await mkdir(dirname(join(root, to)), { recursive: true });
    await rename(join(root, from), join(root, to));
    await eventually(() => expect(served()).toBe(join(root, to)));
    await write(root, to, source('2'));
    await eventually(() => expect(client.reloaded.at(-1)).toMatchObject({ kind, id, version: expect.any(String) }));
    await eventually(() => expect(served()).toBe(join(root, to)));
    expect(client.failed).toEqual([]);
  });

  it('theme: replacing dark.json by dark.css (written, then the JSON deleted) loads the CSS', async () => {
    const root = await tempRoot({ 'themes/dark.json': JSON.stringify({ color: { text: '#111' } }) });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'themes/dark.css', ':root { --v: 2; }');
    await eventually(() => expect(client.failed).toHaveLength(1));
    await rm(join(root, 'themes/dark.json'));
    await eventually(async () => expect(await (await fetch(`${hub.url}/assets/theme/dark.css`)).text()).toBe(':root { --v: 2; }'));
    expect(client.reloaded.some((e) => e.removed)).toBe(false);
  });
});
