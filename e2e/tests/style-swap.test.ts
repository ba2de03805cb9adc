import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

it('applies 20 consecutive stylesheet saves without reloading the page', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.evaluate(() => (window.marker = 'still here'));

  const colours = Array.from({ length: 20 }, (_, i) => `rgb(${10 * i}, ${200 - 5 * i}, ${i})`);
  for (const colour of colours) {
    await writeFile(join(root, 'styles/main.css'), `.title { color: ${colour}; }\n`);
  }
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color))
    .toBe(colours.at(-1));
  expect(await page.evaluate(() => window.marker)).toBe('still here');
});

it('swaps a sheet linked by the app itself when its path ends with the sheet id', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  const app = await startAppServer({
    '/static/css/main.css': ['text/css', '.title { color: rgb(1, 2, 3); }'],
    '/': [
      'text/html',
      `<link rel="stylesheet" href="/static/css/main.css"><h1 class="title">x</h1><script src="${hub.url}/hothub/client.js"></script>`,
    ],
  });
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color)).toBe('rgb(1, 2, 3)');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color))
    .toBe('rgb(4, 5, 6)');
});
