import { readFile, writeFile } from 'node:fs/promises';
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

it('swaps a sheet the app links from its own origin at the public path of the styles folder', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const app = await startAppServer({
    // The app serves the watched file under its own path, as a dev server would.
    '/static/css/main.css': ['text/css', () => readFile(join(root, 'styles/main.css'), 'utf8')],
    '/': [
      'text/html',
      `<link rel="stylesheet" href="/static/css/main.css"><h1 class="title">x</h1><script src="${hub.url}/hothub/client.js" data-style-path="/static/css/"></script>`,
    ],
  });
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color)).toBe('rgb(1, 2, 3)');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color))
    .toBe('rgb(4, 5, 6)');
  expect(await page.getAttribute('link', 'href')).toMatch(/\/static\/css\/main\.css\?hothub=/);
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('main.css reloaded (1 sheet)');
});

it('swaps a sheet linked inside an open shadow root', async () => {
  const { hub, root } = await startDemoHub({ inlineLimit: 0 });
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.evaluate((href) => {
    const host = document.createElement('div');
    host.id = 'widget';
    host.attachShadow({ mode: 'open' }).innerHTML = `<link rel="stylesheet" href="${href}"><p class="title">in the shadow</p>`;
    document.body.append(host);
  }, `${hub.url}/assets/style/main.css`);
  const shadowColour = () =>
    page.evaluate(() => getComputedStyle(document.querySelector('#widget')!.shadowRoot!.querySelector('.title')!).color);
  await expect.poll(shadowColour).toBe('rgb(109, 40, 217)');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(11, 22, 33); }');
  await expect.poll(shadowColour).toBe('rgb(11, 22, 33)');
});

it('keeps the old sheet and shows a failure when the new version fails to load', async () => {
  const { hub, root } = await startDemoHub({ inlineLimit: 0 });
  const page = await newPage();
  await page.route(/\/assets\/style\/main\.css\?.*hothub=/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  const colour = () => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);
  const before = await colour();
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 1, 1); }');
  await expect.poll(() => page.locator('hothub-toasts li.failure').textContent()).toContain('style main.css failed to reload');
  expect(await colour()).toBe(before);
  expect(await page.locator('link[href*="main.css"]').count()).toBe(1);
  await expect.poll(() => hub.clientFailures().map((f) => `${f.kind}/${f.id}`)).toEqual(['style/main.css']);
});

it('applies an inlined sheet to its hub-asset link in place: same element, relative url() still against the sheet', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.evaluate(() => (window.held = document.querySelector('link[rel="stylesheet"]')!));
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(3, 3, 3); background-image: url(img/dot.png); }');
  const title = () => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);
  await expect.poll(title).toBe('rgb(3, 3, 3)');
  const image = await page.evaluate(() => getComputedStyle(document.querySelector('.title')!).backgroundImage);
  expect(image).toBe(`url("${hub.url}/assets/style/img/dot.png")`);
  expect(await page.evaluate(() => window.held === document.querySelector('link[rel="stylesheet"]') && window.held.isConnected)).toBe(true);
  expect(await page.evaluate(() => document.querySelectorAll('style, link').length)).toBe(1);
});
