import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { colourOf, openAppPage, sdkTag } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { startDemoHub } from '../support/demo-hub.js';

// The app's own server links `/styles/main.css`, which `@import`s a partial: the hub's `styles/` folder.

it('applies a saved @import partial through the sheet that imports it, and says so in the toast', async () => {
  const { hub, root } = await startDemoHub();
  await mkdir(join(root, 'styles/partials'), { recursive: true });
  await writeFile(join(root, 'styles/partials/q.css'), '.title { color: rgb(1, 2, 3); }');
  await writeFile(join(root, 'styles/main.css'), '@import "partials/q.css";\nbody { margin: 0; }');
  const app = await startAppServer({ '/': ['text/html', `<link rel="stylesheet" href="/styles/main.css"><h1 class="title">x</h1>${sdkTag(hub)}`] }, { root });
  const page = await openAppPage(`${app}/`);
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(1, 2, 3)');
  await page.evaluate(() => (window.held = document.querySelector('link')!));

  await writeFile(join(root, 'styles/partials/q.css'), '.title { color: rgb(4, 5, 6); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('q.css (via main.css)');
  // The partial's own event found no link to it: that "not used" note is withdrawn, the import used it.
  await expect.poll(() => page.locator('hothub-toasts li.neutral').count()).toBe(0);
  expect(await page.evaluate(() => window.held === document.querySelector('link') && document.querySelectorAll('link').length === 1)).toBe(true);
});

it('keeps the last good rules while a partial does not parse, and shows why', async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'styles/q.css'), '.title { color: rgb(1, 2, 3); }');
  await writeFile(join(root, 'styles/main.css'), "@import url('q.css');");
  const app = await startAppServer({ '/': ['text/html', `<link rel="stylesheet" href="/styles/main.css"><h1 class="title">x</h1>${sdkTag(hub)}`] }, { root });
  const page = await openAppPage(`${app}/`);
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(1, 2, 3)');

  await writeFile(join(root, 'styles/q.css'), '.title { color: rgb(9, 9, 9); ');
  await expect.poll(() => page.locator('hothub-toasts li.failure').allTextContents()).toContainEqual(expect.stringContaining('style main.css failed to reload'));
  expect(await colourOf(page, '.title')).toBe('rgb(1, 2, 3)');
  await writeFile(join(root, 'styles/q.css'), '.title { color: rgb(7, 8, 9); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(7, 8, 9)');
  await expect.poll(() => page.locator('hothub-toasts li.failure').count()).toBe(0);
});
