import { expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli/args.js';
import { createHub } from '../src/index.js';
import { readSettingsEnv } from '../src/options/settings-env.js';
import { eventually } from './support/poll.js';
import { connectClient, startHub } from './support/hub.js';
import { tempRoot, write } from './support/temp-root.js';

it("maps a glob to a kind: ids are relative to the glob's static part, pages learn the public path, /assets serves the file", async () => {
  const root = await tempRoot({ 'public/css/main.css': 'a{}', 'public/css/partials/q.css': 'b{}', 'public/js/app.js': '' });
  const hub = await startHub({ root, watch: { style: { glob: 'public/css/**/*.css', publicPath: '/css/' } } });
  expect(hub.artifacts('style').map((a) => a.id).sort()).toEqual(['main.css', 'partials/q.css']);
  const page = await connectClient(hub.url!);
  expect(page.connected[0]?.folders?.style).toBe('css');
  await write(root, 'public/css/partials/q.css', 'b { color: red }');
  await eventually(() => expect(page.reloaded.at(-1)).toMatchObject({ kind: 'style', id: 'partials/q.css', cause: { file: 'public/css/partials/q.css' } }));
  const served = await fetch(`${hub.url}/assets/style/partials/q.css`);
  expect(await served.text()).toBe('b { color: red }');
});

it('takes several globs per kind, skips ignore globs, and watches a node_modules folder a rule names', async () => {
  const root = await tempRoot({
    'public/css/main.css': 'a{}',
    'public/css/vendor.min.css': 'v{}',
    'node_modules/@acme/ui/dist/button.css': 'button{}',
    'node_modules/other/x.css': 'x{}',
  });
  const hub = await startHub({ root, watch: { style: ['public/css/**/*.css', 'node_modules/@acme/ui/dist/*.css'] }, ignore: ['**/*.min.css'] });
  expect(hub.artifacts('style').map((a) => a.id).sort()).toEqual(['button.css', 'main.css']);
  const page = await connectClient(hub.url!);
  await write(root, 'public/css/vendor.min.css', 'v { color: red }');
  await write(root, 'node_modules/@acme/ui/dist/button.css', 'button { color: red }');
  await eventually(() => expect(page.reloaded.at(-1)).toMatchObject({ id: 'button.css', content: 'button { color: red }' }));
  expect(page.reloaded.map((e) => e.id)).toEqual(['button.css']);
  expect(hub.folders().filter((f) => f.glob).map((f) => f.glob)).toEqual(['public/css/**/*.css', 'node_modules/@acme/ui/dist/*.css']);
});

it('watches a dot folder a rule names (VitePress keeps its theme in .vitepress/theme/), never a dot file', async () => {
  const root = await tempRoot({ '.vitepress/theme/custom.css': 'a{}', '.vitepress/theme/.draft.css': 'd{}' });
  const hub = await startHub({ root, watch: { style: '.vitepress/theme/**/*.css' } });
  expect(hub.artifacts('style').map((a) => a.id)).toEqual(['custom.css']);
  const page = await connectClient(hub.url!);
  await write(root, '.vitepress/theme/custom.css', 'a { color: red }');
  await eventually(() => expect(page.reloaded.at(-1)).toMatchObject({ id: 'custom.css', content: 'a { color: red }' }));
});

it('reads --watch KIND=GLOB[:/public/] (repeatable) and HOTHUB_WATCH, and refuses an unknown kind or a glob leaving the root', async () => {
  expect(parseCliArgs(['--watch', 'style=public/css/**/*.css:/css/', '--watch', 'style=vendor/*.css']).settings.watch).toEqual({
    style: [{ glob: 'public/css/**/*.css', publicPath: '/css/' }, 'vendor/*.css'],
  });
  expect(readSettingsEnv({ HOTHUB_WATCH: 'theme=brand/*.json, style=a/**/*.css', HOTHUB_IGNORE: '**/*.min.css' })).toEqual({
    watch: { theme: ['brand/*.json'], style: ['a/**/*.css'] },
    ignore: ['**/*.min.css'],
  });
  expect(() => parseCliArgs(['--watch', 'css=public/**/*.css'])).toThrow(/css is not a kind/);
  expect(() => parseCliArgs(['--watch', 'public/**/*.css'])).toThrow(/must be KIND=GLOB/);
  const root = await tempRoot();
  expect(() => createHub({ root, watch: { style: '../elsewhere/*.css' } })).toThrow('watch rule style=../elsewhere/*.css: globs are relative to the root');
});

it('keeps serving the last good version when a file matched by a rule is saved broken', async () => {
  const root = await tempRoot({ 'public/css/main.css': 'a { color: red }' });
  const hub = await startHub({ root, watch: { style: 'public/css/**/*.css' } });
  const page = await connectClient(hub.url!);
  await write(root, 'public/css/main.css', 'a { color: ');
  await eventually(() => expect(page.failed).toHaveLength(1));
  expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red }');
  expect((await fetch(`${hub.url}/health`)).status).toBeLessThan(500);
});
