import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

it("matches the app's /css/main.css to the hub's css/ style folder without data-style-path: the SDK learns the folder from the hub", async () => {
  const { hub, root } = await startDemoHub({ dirs: { style: 'css' } });
  await mkdir(join(root, 'css'), { recursive: true });
  await writeFile(join(root, 'css/main.css'), '.title { color: rgb(1, 2, 3); }');
  const app = await startAppServer({
    '/css/main.css': ['text/css', () => readFile(join(root, 'css/main.css'), 'utf8')],
    '/': ['text/html', `<link rel="stylesheet" href="/css/main.css"><h1 class="title">x</h1><script src="${hub.url}/hothub/client.js"></script>`],
  });
  const page = await newPage();
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await writeFile(join(root, 'css/main.css'), '.title { color: rgb(4, 5, 6); }');
  const colour = () => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);
  await expect.poll(colour).toBe('rgb(4, 5, 6)');
  expect(await page.getAttribute('link', 'href')).toMatch(/\/css\/main\.css\?hothub=/);
});
