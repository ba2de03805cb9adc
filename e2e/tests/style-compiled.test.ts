import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tailwind from '@tailwindcss/postcss';
import { createServer } from 'vite';
import { expect, it, onTestFinished } from 'vitest';
import { colourOf, openAppPage, sdkTag } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { startDemoHub } from '../support/demo-hub.js';
import { startHubCli } from '../support/hub-cli.js';

const require = createRequire(import.meta.url);

it("keeps a build tool's compiled rules: a save of a Tailwind entry reloads what the app's server compiles, not the source", async () => {
  const { hub, root } = await startDemoHub();
  const entry = join(root, 'styles/main.css');
  await writeFile(entry, '@tailwind utilities;\n.title { color: rgb(1, 2, 3); }');
  // The app's server stands in for Tailwind: it serves the entry with `@tailwind utilities` compiled.
  const compiled = async () => (await readFile(entry, 'utf8')).replace('@tailwind utilities;', '.p-4 { padding: 16px; }');
  const app = await startAppServer({
    '/': ['text/html', `<link rel="stylesheet" href="/styles/main.css"><h1 class="title p-4">x</h1>${sdkTag(hub)}`],
    '/styles/main.css': ['text/css', compiled],
  });
  const page = await openAppPage(`${app}/`);
  const padding = () => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).paddingTop);
  expect(await padding()).toBe('16px');

  await writeFile(entry, '@tailwind utilities;\n.title { color: rgb(4, 5, 6); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
  expect(await padding()).toBe('16px');
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('main.css reloaded (1 sheet)');
});

/** A Tailwind 4 entry as `npx tailwindcss init`-era docs write it: the framework, an `@apply` component, a rule of the app's own. */
const entry = (colour: string) => `@import "tailwindcss";\n\n.btn {\n  @apply rounded px-4 py-2 font-bold;\n}\n\n.title {\n  color: ${colour};\n}\n`;

/** A Vite + Tailwind app (PostCSS, `@tailwindcss/postcss`) in a fresh folder: `index.html` links `/src/main.css`. */
async function tailwindApp(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'hothub-e2e-tailwind-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'src'));
  await mkdir(join(root, 'node_modules'));
  // Installed in the app, as `npm install tailwindcss` leaves it: Vite resolves `@import "tailwindcss"` there.
  await symlink(dirname(require.resolve('tailwindcss/package.json')), join(root, 'node_modules/tailwindcss'), 'dir');
  await writeFile(join(root, 'src/main.css'), entry('rgb(1, 2, 3)'));
  return root;
}

it('a real Tailwind build through Vite: saving the entry never puts its source on the page, the utilities stay, the hub says it once', async () => {
  const root = await tailwindApp();
  const hub = await startHubCli(root, ['--watch', 'style=src/**/*.css:/src/']);
  await writeFile(
    join(root, 'index.html'),
    `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8"><title>Dashboard</title>
  <link rel="stylesheet" href="/src/main.css">
</head>
<body class="bg-slate-50">
  <main class="mx-auto max-w-xl p-8">
    <h1 class="title text-3xl font-bold">Dashboard</h1>
    <button class="btn bg-sky-600 text-white">Save</button>
  </main>
  ${sdkTag(hub)}
</body>
</html>`,
  );
  const vite = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    css: { postcss: { plugins: [tailwind({ base: root })] } },
  });
  onTestFinished(() => vite.close());
  await vite.listen();
  const page = await openAppPage(`http://127.0.0.1:${(vite.httpServer!.address() as AddressInfo).port}/`);
  await page.evaluate(() => {
    window.marker = 'no reload';
    window.recorded = [];
    window.hothub!.on('reloaded', (e) => e.id === 'main.css' && window.recorded!.push('content' in e));
  });
  /** What only the compiled sheet gives: utility classes (`p-8`, `text-3xl`, `font-bold`) and the `@apply` rule. */
  const compiledRules = () =>
    page.evaluate(() => [
      getComputedStyle(document.querySelector('main')!).paddingTop,
      getComputedStyle(document.querySelector('h1')!).fontSize,
      getComputedStyle(document.querySelector('h1')!).fontWeight,
      getComputedStyle(document.querySelector('.btn')!).paddingLeft,
    ]);
  const compiled = ['32px', '30px', '700', '16px'];
  expect(await compiledRules()).toEqual(compiled);

  for (const colour of ['rgb(4, 5, 6)', 'rgb(7, 8, 9)']) {
    await writeFile(join(root, 'src/main.css'), entry(colour));
    await expect.poll(() => colourOf(page, '.title')).toBe(colour);
    expect(await compiledRules()).toEqual(compiled);
    await expect
      .poll(() => page.locator('hothub-toasts li.success').allTextContents())
      .toContainEqual(expect.stringMatching(/^main\.css reloaded \(\d sheets?\)/));
  }
  // The hub announced both saves without the sheet's text (the raw source never reaches the page)...
  await expect.poll(() => page.evaluate(() => window.recorded)).toEqual([false, false]);
  // ...no sheet on the page is the raw source (its `@import "tailwindcss"` would be a rule the browser keeps)...
  expect(
    await page.evaluate(() => Array.from(document.styleSheets).some((sheet) => Array.from(sheet.cssRules).some((rule) => rule instanceof CSSImportRule))),
  ).toBe(false);
  expect(await page.evaluate(() => window.marker)).toBe('no reload');
  // ...and the terminal says once why: the first load named the tool, two saves did not repeat it.
  expect(hub.output().match(/main\.css is compiled by a build tool \(@import "tailwindcss"\)/g)).toHaveLength(1);
});
