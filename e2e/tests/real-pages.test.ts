import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { colourOf, openAppPage, sdkTag, startedUrl } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { startDemoHub } from '../support/demo-hub.js';

// Pages served by the app's own server (never the hub), from the folder the hub watches:
// the app's `/styles/main.css` is the hub's `styles/main.css`.

const successToast = '.success';

it('swaps a sheet under a strict CSP in place: same element, no violation, styled toast that counts the sheet', async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const hubUrl = startedUrl(hub);
  const ws = hubUrl.replace(/^http/, 'ws');
  const app = await startAppServer(
    { '/': ['text/html', `<link id="app-css" rel="stylesheet" href="/styles/main.css"><h1 class="title">x</h1>${sdkTag(hub)}`] },
    {
      root,
      headers: {
        'content-security-policy': `default-src 'self'; style-src 'self'; script-src 'self' ${hubUrl}; connect-src 'self' ${hubUrl} ${ws}`,
      },
    },
  );
  const page = await openAppPage(`${app}/`);
  await page.evaluate(() => (window.held = document.getElementById('app-css')!));

  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
  const toast = page.locator(`hothub-toasts li${successToast}`);
  await expect.poll(() => toast.textContent()).toContain('main.css reloaded (1 sheet)');
  // Styled by its constructed sheet, which the CSP does not block.
  expect(await toast.evaluate((li) => getComputedStyle(li).borderLeftColor)).toBe('rgb(34, 197, 94)');
  expect(await page.evaluate(() => window.held === document.getElementById('app-css') && window.held.isConnected)).toBe(true);
  expect(await page.evaluate(() => document.querySelectorAll('link, style').length)).toBe(1);
  expect(await page.evaluate(() => window.violations)).toEqual([]);
});

it('updates a same-origin iframe, which runs no SDK of its own', async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const app = await startAppServer(
    {
      '/': ['text/html', `<iframe src="/frame.html"></iframe>${sdkTag(hub)}`],
      '/frame.html': ['text/html', '<link rel="stylesheet" href="/styles/main.css"><h1 class="title">in the frame</h1>'],
    },
    { root },
  );
  const page = await openAppPage(`${app}/`);
  await expect.poll(() => colourOf(page, '.title', true)).toBe('rgb(1, 2, 3)');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(7, 8, 9); }');
  await expect.poll(() => colourOf(page, '.title', true)).toBe('rgb(7, 8, 9)');
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('main.css reloaded (1 sheet)');
});

it("touches only the app's main.css, never a vendor's sheet with the same file name", async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const app = await startAppServer(
    {
      '/': [
        'text/html',
        `<link rel="stylesheet" href="/vendor/main.css"><link rel="stylesheet" href="/styles/main.css">
         <h1 class="title">x</h1><p class="widget">vendor</p>${sdkTag(hub)}`,
      ],
      '/vendor/main.css': ['text/css', '.widget { color: rgb(200, 0, 0); }'],
    },
    { root },
  );
  const page = await openAppPage(`${app}/`);
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
  expect(await colourOf(page, '.widget')).toBe('rgb(200, 0, 0)');
  expect(await page.getAttribute('link[href^="/vendor/"]', 'href')).toBe('/vendor/main.css');
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('main.css reloaded (1 sheet)');
});

it('keeps the link element a theme switcher holds: it can still switch, and each sheet it shows updates', async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'styles/light.css'), '.title { color: rgb(250, 250, 250); }');
  await writeFile(join(root, 'styles/dark.css'), '.title { color: rgb(10, 10, 10); }');
  const app = await startAppServer(
    {
      '/': [
        'text/html',
        `<link id="theme-css" rel="stylesheet" href="/styles/light.css"><h1 class="title">x</h1>
         <script src="/switcher.js"></script>${sdkTag(hub)}`,
      ],
      '/switcher.js': [
        'text/javascript',
        `const link = document.getElementById('theme-css');
         window.switchTheme = (name) => { link.href = '/styles/' + name + '.css'; };`,
      ],
    },
    { root },
  );
  const page = await openAppPage(`${app}/`);
  await writeFile(join(root, 'styles/light.css'), '.title { color: rgb(240, 240, 240); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(240, 240, 240)');
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('light.css reloaded (1 sheet)');

  await page.evaluate(() => (window as unknown as { switchTheme: (name: string) => void }).switchTheme('dark'));
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(10, 10, 10)');
  await writeFile(join(root, 'styles/dark.css'), '.title { color: rgb(20, 20, 20); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(20, 20, 20)');
  expect(await page.locator('link').count()).toBe(1);
});

it('leaves alternate and disabled sheets off, and says the sheet is not used on this page', async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const app = await startAppServer(
    {
      '/': [
        'text/html',
        `<link rel="alternate stylesheet" title="contrast" href="/styles/main.css">
         <link id="off" rel="stylesheet" href="/styles/main.css" disabled>
         <h1 class="title">x</h1>${sdkTag(hub)}`,
      ],
    },
    { root },
  );
  const page = await openAppPage(`${app}/`);
  const before = await colourOf(page, '.title');
  expect(before).not.toBe('rgb(1, 2, 3)');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  const toast = page.locator('hothub-toasts li.neutral');
  await expect.poll(() => toast.textContent()).toContain('main.css: not used on this page');
  expect(await page.locator('hothub-toasts li.success').count()).toBe(0);
  expect(await colourOf(page, '.title')).toBe(before);
  expect(await page.evaluate(() => Array.from(document.querySelectorAll('link')).map((l) => l.getAttribute('href')))).toEqual([
    '/styles/main.css',
    '/styles/main.css',
  ]);
  expect(await page.evaluate(() => (document.getElementById('off') as HTMLLinkElement).disabled)).toBe(true);
});

it('matches a sheet the app serves at its own public path (data-style-path) or names with data-hothub-id', async () => {
  const { hub, root } = await startDemoHub();
  const served = { css: '.title { color: rgb(1, 2, 3); } .lead { color: rgb(1, 2, 3); }' };
  const app = await startAppServer({
    '/': [
      'text/html',
      `<link rel="stylesheet" href="/static/css/main.css"><link rel="stylesheet" href="/bundle.css" data-hothub-id="main.css">
       <h1 class="title">x</h1><p class="lead">y</p>${sdkTag(hub, 'data-style-path="/static/css/"')}`,
    ],
    '/static/css/main.css': ['text/css', () => served.css],
    '/bundle.css': ['text/css', () => served.css],
  });
  const page = await openAppPage(`${app}/`);
  served.css = '.title { color: rgb(4, 5, 6); } .lead { color: rgb(4, 5, 6); }';
  await writeFile(join(root, 'styles/main.css'), served.css);
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('main.css reloaded (2 sheets)');
  expect(await page.evaluate(() => Array.from(document.querySelectorAll('link')).every((l) => l.href.includes('hothub=')))).toBe(true);
  expect(await colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
});

it('clears the failure toast and fires reloaded when a broken save is undone', async () => {
  const { hub, root } = await startDemoHub();
  const file = join(root, 'themes/dark.json');
  const app = await startAppServer({ '/': ['text/html', `<h1 class="title">x</h1>${sdkTag(hub)}`] }, { root });
  const page = await openAppPage(`${app}/`);
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { seen });
    window.hothub!.on('reloaded', (e) => seen.push(`reloaded ${e.id}`));
    window.hothub!.on('reload_failed', (e) => seen.push(`failed ${e.id}`));
  });
  const good = (await readFile(file, 'utf8')).replace('#c4b5fd', '#c4b5fe');
  const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  await writeFile(file, good);
  await expect.poll(seen).toEqual(['reloaded dark']);
  await writeFile(file, '{ "accent": ');
  const failure = page.locator('hothub-toasts li.failure');
  await expect.poll(() => failure.textContent()).toContain('theme dark failed to reload');
  await writeFile(file, good);
  await expect.poll(() => failure.count()).toBe(0);
  await expect.poll(seen).toEqual(['reloaded dark', 'failed dark', 'reloaded dark']);
});
