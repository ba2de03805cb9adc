import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const counter = (label: string) =>
  `import { format } from './lib/format.js';\nexport default { mount(el, state) { el.textContent = format('${label}', state ?? 0); } };\n`;

describe('component reload', () => {
  it('serves a component with its local imports pinned to their versions', async () => {
    const root = await tempRoot({ 'components/counter.js': counter('Count'), 'components/lib/format.js': 'export const format = (l, n) => `${l}: ${n}`;\n' });
    const hub = await startHub({ root });
    const format = hub.artifacts('component').find((a) => a.id === 'lib/format');
    expect(format).toBeDefined();
    // A page on a loopback dev server imports it cross-origin: it gets its own origin back.
    const served = await fetch(`${hub.url}/assets/component/counter.js`, { headers: { origin: 'http://localhost:5173' } });
    expect(served.headers.get('content-type')).toMatch(/javascript/);
    expect(served.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(await served.text()).toContain(`from './lib/format.js?v=${format!.source.version}'`);
  });

  it('reloads an importer with a new url when a module it imports changes, naming the chain', async () => {
    const root = await tempRoot({ 'components/counter.js': counter('Count'), 'components/lib/format.js': 'export const format = (l, n) => `${l}: ${n}`;\n' });
    const hub = await startHub({ root });
    const before = hub.artifacts('component').find((a) => a.id === 'counter')!.source.version;
    const client = await connectClient(hub.url!);
    await write(root, 'components/lib/format.js', 'export const format = (l, n) => `${l} = ${n}`;\n');
    const event = await eventually(() => {
      const found = client.reloaded.find((e) => e.id === 'counter');
      expect(found).toBeDefined();
      return found!;
    });
    expect(event.version).not.toBe(before);
    expect(event.url).toBe(`/assets/component/counter.js?v=${event.version}`);
    expect(event.cause).toEqual({ file: 'components/lib/format.js', chain: ['components/lib/format.js', 'components/counter.js'] });
    expect(client.reloaded.map((e) => e.id)).toContain('lib/format');
  });

  it('reports a syntax error with file, line and column and keeps serving the last good version', async () => {
    const good = 'export default { mount(el) { el.textContent = "ok"; } };\n';
    const root = await tempRoot({ 'components/counter.js': good });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'components/counter.js', 'export default {\n  mount(el) { el.textContent = ; }\n};\n');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({
      kind: 'component',
      id: 'counter',
      rolledBack: false,
      error: { file: 'components/counter.js', line: 2, column: 32 },
    });
    expect(client.failed[0]!.error.message).toMatch(/^syntax error: /);
    expect(await (await fetch(`${hub.url}/assets/component/counter.js`)).text()).toBe(good);
  });

  it('refuses an import of a missing module under components/, naming where it is imported', async () => {
    const good = 'export default { mount() {} };\n';
    const root = await tempRoot({ 'components/card.js': good });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'components/card.js', "import './gone.js';\nexport default { mount() {} };\n");
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.error).toMatchObject({ line: 1, column: 9, message: "cannot find module ./gone.js" });
    expect(await (await fetch(`${hub.url}/assets/component/card.js`)).text()).toBe(good);
  });

  it('refuses a module that exports mount but no default (the SDK mounts the default), naming where; the last good version keeps serving', async () => {
    const good = 'export default { mount(el) { el.textContent = "ok"; } };\n';
    const root = await tempRoot({ 'components/card.js': good });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'components/card.js', '// card\nexport function mount(el) { el.textContent = "new"; }\n');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({ kind: 'component', id: 'card', error: { file: 'components/card.js', line: 2, column: 17 } });
    expect(client.failed[0]!.error.message).toMatch(/^card\.js exports mount but no default: .*export default \{ mount\(el, state\)/);
    expect(client.reloaded).toEqual([]);
    expect(await (await fetch(`${hub.url}/assets/component/card.js`)).text()).toBe(good);
  });

  it.each([
    ['is empty (a save cut off before its export)', ''],
    ['was cut off at a statement boundary', 'const card = { mount(el) { el.textContent = "x"; } };\n'],
  ])('refuses a module that %s and no module imports; the last good version keeps serving', async (_what, text) => {
    const good = 'export default { mount(el) { el.textContent = "ok"; } };\n';
    const root = await tempRoot({ 'components/card.js': good });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'components/card.js', text);
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.error).toMatchObject({ file: 'components/card.js' });
    expect(client.failed[0]!.error.message).toMatch(/^card\.js exports no component: write export default \{ mount\(el, state\)/);
    expect(client.reloaded).toEqual([]);
    expect(await (await fetch(`${hub.url}/assets/component/card.js`)).text()).toBe(good);
  });

  it('accepts a module with named exports only: a helper whose importer is saved next', async () => {
    const root = await tempRoot({ 'components/card.js': 'export default { mount() {} };\n' });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'components/label.js', 'export const label = "Count";\n');
    await eventually(() => expect(client.reloaded.map((e) => e.id)).toEqual(['label']));
    expect(client.failed).toEqual([]);
  });

  it('accepts helper modules a component imports, also one that exports nothing (side effects only)', async () => {
    const root = await tempRoot({
      'components/card.js': "import './lib/define.js';\nimport { format } from './lib/format.js';\nexport default { mount(el) { el.textContent = format('card'); } };\n",
      'components/lib/define.js': 'globalThis.defined = true;\n',
      'components/lib/format.js': 'export const format = (l) => l;\n',
    });
    const hub = await startHub({ root });
    expect(hub.artifacts('component').map((a) => a.id).sort()).toEqual(['card', 'lib/define', 'lib/format']);
    const client = await connectClient(hub.url!);
    await write(root, 'components/lib/define.js', 'globalThis.defined = 2;\n');
    await eventually(() => expect(client.reloaded.map((e) => e.id)).toEqual(expect.arrayContaining(['lib/define', 'card'])));
    expect(client.failed).toEqual([]);
  });

  it('announces an importer only once the helper it pins serves that version, even when the helper runs slowly', async () => {
    const root = await tempRoot({
      'components/label.js': "export const label = 'Count';\n",
      'components/tally.js': "import { label } from './label.js';\nexport default { mount(el) { el.textContent = label; } };\n",
    });
    const hub = await startHub({ root });
    // An app's health check may take this long; the helper's run commits only after it.
    hub.healthChecks.add('slow-helper', (reload) => (reload?.id === 'label' ? delay(300) : undefined));
    // What a page fetches the moment it hears of the importer: its code, then the helper under the pinned URL.
    const helpers: Promise<string>[] = [];
    hub.on('reloaded', (event) => {
      if (event.id === 'tally' && event.url) helpers.push(pinnedImport(hub.url!, event.url, ['./label.js']).then((pinned) => pinned.code));
    });
    await write(root, 'components/label.js', "export const label = 'Total';\n");
    await eventually(() => expect(helpers).toHaveLength(1));
    expect(await helpers[0]).toBe("export const label = 'Total';\n");
  });

  it('announces an importer only after the helpers between it and the saved module serve their new versions', async () => {
    const root = await tempRoot({
      'components/lib/text.js': "export const text = 'Count';\n",
      'components/label.js': "import { text } from './lib/text.js';\nexport const label = text;\n",
      'components/tally.js': "import { label } from './label.js';\nexport default { mount(el) { el.textContent = label; } };\n",
    });
    const hub = await startHub({ root });
    hub.healthChecks.add('slow-middle', (reload) => (reload?.id === 'label' ? delay(300) : undefined));
    const reached: Promise<Pinned>[] = [];
    const texts: string[] = [];
    hub.on('reloaded', (event) => {
      if (event.id === 'lib/text') texts.push(event.version);
      if (event.id === 'tally' && event.url) reached.push(pinnedImport(hub.url!, event.url, ['./label.js', './lib/text.js']));
    });
    await write(root, 'components/lib/text.js', "export const text = 'Total';\n");
    await eventually(() => expect(reached).toHaveLength(1));
    // A page already holds the old text.js under its old URL: the chain must lead to the new one.
    expect((await reached[0])!.url).toBe(`/assets/component/lib/text.js?v=${texts[0]}`);
  });

  it('reports a deleted component as removed', async () => {
    const root = await tempRoot({ 'components/card.js': 'export default { mount() {} };\n' });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await rm(join(root, 'components/card.js'));
    await eventually(() => expect(client.reloaded).toMatchObject([{ kind: 'component', id: 'card', removed: true }]));
  });
});

interface Pinned {
  url: string;
  code: string;
}

/** What a page reaches from a component's served code at `url`, following the URLs each module pins for `path`. */
async function pinnedImport(hubUrl: string, url: string, path: string[]): Promise<Pinned> {
  let code = await (await fetch(`${hubUrl}${url}`)).text();
  for (const specifier of path) {
    const pinned = new RegExp(`from '(${specifier.replace('.', '\\.')}\\?v=[\\w-]+)'`).exec(code)?.[1];
    if (!pinned) throw new Error(`no pinned import of ${specifier} in ${code}`);
    url = new URL(pinned, `${hubUrl}${url}`).href.slice(hubUrl.length);
    code = await (await fetch(`${hubUrl}${url}`)).text();
  }
  return { url, code };
}
