import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

const accent = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);

it('switches theme with hub.setTheme, applies an edit of the active theme live, and keeps the choice across a reload', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await expect.poll(() => accent(page)).toBe('rgb(109, 40, 217)'); // light, declared on <html>

  await page.evaluate(() => window.hothub!.setTheme('dark'));
  await expect.poll(() => accent(page)).toBe('rgb(196, 181, 253)');
  expect(await page.getAttribute('html', 'data-hothub-theme')).toBe('dark');
  await page.evaluate(() => (window.marker = 'no reload'));

  await writeFile(join(root, 'themes/dark.json'), JSON.stringify({ accent: 'rgb(1, 2, 3)' }));
  await expect.poll(() => accent(page)).toBe('rgb(1, 2, 3)');
  // An edit of a theme that is not active changes nothing here.
  await writeFile(join(root, 'themes/light.json'), JSON.stringify({ accent: 'rgb(9, 9, 9)' }));
  await expect.poll(() => hub.artifacts('theme').find((t) => t.id === 'light')?.source.bytes.toString()).toContain('rgb(9, 9, 9)');
  await expect.poll(async () => (await page.evaluate(() => window.hothub!.lastSeq)) === hub.seq).toBe(true);
  expect(await accent(page)).toBe('rgb(1, 2, 3)');
  expect(await page.evaluate(() => window.marker)).toBe('no reload');

  await page.reload();
  await page.waitForFunction(() => window.hothub?.connected === true);
  await expect.poll(() => accent(page)).toBe('rgb(1, 2, 3)');
  expect(await page.evaluate(() => window.hothub!.theme)).toBe('dark');
});

it('follows data-hothub-theme set by the app, and keeps the old theme when a save is invalid', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.evaluate(() => document.documentElement.setAttribute('data-hothub-theme', 'dark'));
  await expect.poll(() => accent(page)).toBe('rgb(196, 181, 253)');

  await writeFile(join(root, 'themes/dark.json'), '{ "accent": ');
  const toast = page.locator('hothub-toasts li.failure');
  await expect.poll(() => toast.textContent()).toContain('invalid JSON');
  await writeFile(join(root, 'themes/dark.json'), JSON.stringify({ surface: { page: ['#000'] } }));
  await expect.poll(() => toast.textContent()).toContain('at surface.page');
  expect(await accent(page)).toBe('rgb(196, 181, 253)');
  expect(await (await fetch(`${hub.url}/assets/theme/dark.css`)).text()).toContain('--accent: #c4b5fd;');
});

it("wins over the app's own :root custom properties, whether the app's sheet loads before or after the theme (5 loads each)", async () => {
  const { hub } = await startDemoHub();
  const appCss = ':root { --accent: rgb(0, 128, 0); } .title { color: var(--accent); }';
  // A parser-inserted script runs once the sheets above it loaded.
  const flag = `<script>window.marker = document.querySelector('link[href="/app.css"]').sheet ? 'app css' : 'not yet';</script>`;
  const app = await startAppServer({
    '/app.css': ['text/css', appCss],
    // The app's sheet in <head> before the SDK.
    '/before': [
      'text/html',
      `<html data-hothub-theme="dark"><link rel="stylesheet" href="/app.css">${flag}<script src="${hub.url}/hothub/client.js"></script><h1 class="title">x</h1>`,
    ],
    // The app adds its sheet once the theme is applied (a lazily loaded route).
    '/after': [
      'text/html',
      `<html data-hothub-theme="dark"><script src="${hub.url}/hothub/client.js"></script><h1 class="title">x</h1>
       <script src="/late.js"></script>`,
    ],
    '/late.js': [
      'text/javascript',
      `window.hothub.setTheme('dark').then(() => {
         const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/app.css' });
         link.addEventListener('load', () => (window.marker = 'app css'));
         document.head.append(link);
       });`,
    ],
  });
  const page = await newPage();
  for (const path of ['/before', '/after']) {
    for (let load = 0; load < 5; load++) {
      await page.goto(`${app}${path}`);
      await page.waitForFunction(() => window.marker === 'app css' && window.hothub?.theme === 'dark');
      await expect.poll(() => accent(page)).toBe('rgb(196, 181, 253)');
    }
  }
});
