import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openAppPage, sdkTag } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { startDemoHub } from '../support/demo-hub.js';

// 1×1 red and 2×1 blue PNGs.
const RED = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
const BLUE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGNgYPgPRAAFAgH/wSuWnwAAAABJRU5ErkJggg==', 'base64');

it('swaps a saved image in place everywhere the page uses it: <img>, <picture>, CSS url(), favicon; no reload', async () => {
  const { hub, root } = await startDemoHub();
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'assets/logo.png'), RED);
  await writeFile(join(root, 'assets/other.png'), RED);
  await writeFile(join(root, 'styles/main.css'), '.bg { width: 10px; height: 10px; background-image: url(/assets/logo.png); }');
  const app = await startAppServer(
    {
      '/': [
        'text/html',
        `<link rel="icon" href="/assets/logo.png"><link rel="stylesheet" href="/styles/main.css">
         <img id="plain" src="/assets/logo.png"><picture><source srcset="/assets/logo.png 1x"><img id="pic" src="/assets/other.png"></picture>
         <div class="bg"></div><img id="unrelated" src="/assets/other.png">${sdkTag(hub)}`,
      ],
    },
    { root },
  );
  const page = await openAppPage(`${app}/`);
  const width = (id: string) => page.evaluate((sel) => (document.getElementById(sel) as HTMLImageElement).naturalWidth, id);
  await expect.poll(() => width('pic')).toBe(1);
  await page.evaluate(() => (window.marker = 'kept'));

  await writeFile(join(root, 'assets/logo.png'), BLUE);
  await expect.poll(() => width('plain')).toBe(2);
  await expect.poll(() => width('pic')).toBe(2);
  expect(await width('unrelated')).toBe(1);
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('.bg')!).backgroundImage);
  expect(background).toContain('hothub=');
  expect(await page.evaluate(() => document.querySelector('link[rel=icon]')!.getAttribute('href'))).toContain('hothub=');
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('logo.png reloaded (4 uses)');
  expect(await page.evaluate(() => window.marker)).toBe('kept');
});

it('keeps the last good image when a save is cut off, and shows why', async () => {
  const { hub, root } = await startDemoHub();
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'assets/logo.png'), RED);
  const app = await startAppServer({ '/': ['text/html', `<img id="plain" src="/assets/logo.png">${sdkTag(hub)}`] }, { root });
  const page = await openAppPage(`${app}/`);
  await writeFile(join(root, 'assets/logo.png'), BLUE.subarray(0, 20));
  await expect.poll(() => page.locator('hothub-toasts li.failure').textContent()).toContain('not a complete PNG');
  expect(await page.evaluate(() => document.getElementById('plain')!.getAttribute('src'))).toBe('/assets/logo.png');
});
