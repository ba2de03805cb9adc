import { describe, expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const dark = JSON.stringify({ color: { accent: '#a78bfa', text: '#f5f3ff' }, radius: 12 }, null, 2);

describe('theme reload', () => {
  it('renders JSON tokens as custom properties on :root, inline and at /assets/theme/<name>.css', async () => {
    const root = await tempRoot({ 'themes/dark.json': dark });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'themes/dark.json', JSON.stringify({ color: { accent: '#ff0000' } }));
    const event = await eventually(() => {
      expect(client.reloaded).toHaveLength(1);
      return client.reloaded[0]!;
    });
    expect(event).toMatchObject({ kind: 'theme', id: 'dark', content: ':root {\n  --color-accent: #ff0000;\n}\n' });
    expect(event.url).toBe(`/assets/theme/dark.css?v=${event.version}`);
    const served = await fetch(`${hub.url}/assets/theme/dark.css`);
    expect(served.headers.get('content-type')).toMatch(/text\/css/);
    expect(await served.text()).toBe(event.content);
  });

  it('serves a CSS theme as written', async () => {
    const root = await tempRoot({ 'themes/paper.css': ':root { --bg: white; }' });
    const hub = await startHub({ root });
    expect(await (await fetch(`${hub.url}/assets/theme/paper.css`)).text()).toBe(':root { --bg: white; }');
  });

  it('refuses a CSS theme that does not parse, naming line and column, and keeps serving the old one', async () => {
    const root = await tempRoot({ 'themes/paper.css': ':root { --bg: white; }' });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'themes/paper.css', ':root {\n  --bg: ivory;\n  --fg: "black;\n}\n');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({ kind: 'theme', id: 'paper', error: { message: 'invalid CSS: Unclosed string', line: 3, column: 9 } });
    expect(client.reloaded).toEqual([]);
    expect(await (await fetch(`${hub.url}/assets/theme/paper.css`)).text()).toBe(':root { --bg: white; }');
  });

  it('reports invalid JSON with line and column and keeps the old theme', async () => {
    const root = await tempRoot({ 'themes/dark.json': dark });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'themes/dark.json', '{\n  "color": {\n    "accent": "#fff",\n  }\n}');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({ kind: 'theme', id: 'dark', error: { line: 4, column: 3 } });
    expect(client.failed[0]!.error.message).toMatch(/^invalid JSON: /);
    expect(await (await fetch(`${hub.url}/assets/theme/dark.css`)).text()).toContain('--color-accent: #a78bfa;');
  });

  it.each([
    [{ color: { accent: true } }, 'color.accent'],
    [{ space: [4, 8] }, 'space'],
    [{ color: { 'bad name': 'red' } }, 'color.bad name'],
    [{ color: { accent: 'red; } body { display: none' } }, 'color.accent'],
  ])('names the JSON path of tokens that fail the schema (%j) and keeps the old theme', async (tokens, path) => {
    const root = await tempRoot({ 'themes/dark.json': dark });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'themes/dark.json', JSON.stringify(tokens));
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.error.message).toContain(`invalid theme tokens at ${path}: `);
    expect(await (await fetch(`${hub.url}/assets/theme/dark.css`)).text()).toContain('--color-accent: #a78bfa;');
  });
});
