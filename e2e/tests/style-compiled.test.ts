import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { colourOf, openAppPage, sdkTag } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { startDemoHub } from '../support/demo-hub.js';

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
