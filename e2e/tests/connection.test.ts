import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHub } from 'hothub';
import type { Page } from 'playwright-core';
import { expect, it, onTestFinished } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { counterSource } from '../support/counter.js';
import { startDemoHub } from '../support/demo-hub.js';
import { freePort } from '../../packages/server/test/support/free-port.js';
import { startPrefixProxy } from '../support/prefix-proxy.js';

const titleColour = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);
const connected = (page: Page) => page.waitForFunction(() => window.hothub?.connected === true);

it('gets a stylesheet edit made while the hub was down once it restarts on the same port', async () => {
  const port = await freePort();
  const { hub, root } = await startDemoHub({ port });
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await connected(page);
  await page.evaluate(() => (window.marker = 'same page'));
  const reloaded: string[] = [];
  await page.exposeFunction('record', (id: string) => reloaded.push(id));
  await page.evaluate(() => window.hothub!.on('reloaded', (e) => void (window as unknown as { record(id: string): void }).record(e.id)));

  await hub.stop();
  const toast = page.locator('hothub-toasts li.warning');
  await expect.poll(() => toast.textContent()).toContain('Connection to the hub lost');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(7, 8, 9); }');
  const restarted = createHub({ root, port, host: '127.0.0.1', logLevel: 'warn' });
  onTestFinished(() => restarted.stop());
  await restarted.start();

  await expect.poll(() => titleColour(page), { timeout: 15_000 }).toBe('rgb(7, 8, 9)');
  await page.getByText('Connection to the hub restored').waitFor();
  expect(await page.evaluate(() => window.marker)).toBe('same page');
  // The page missed one change: it applies that one, once.
  expect(reloaded.filter((id) => id === 'main.css')).toEqual(['main.css']);
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(10, 11, 12); }');
  await expect.poll(() => titleColour(page)).toBe('rgb(10, 11, 12)');
});

it('updates two tabs from one save', async () => {
  const { hub, root } = await startDemoHub();
  const tabs = [await newPage(), await newPage()];
  for (const tab of tabs) {
    await tab.goto(`${hub.url}/`);
    await connected(tab);
  }
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(20, 30, 40); }');
  for (const tab of tabs) await expect.poll(() => titleColour(tab)).toBe('rgb(20, 30, 40)');
});

it('works on a page of another origin: components, themes and styles come from the hub over CORS', async () => {
  const { hub, root } = await startDemoHub();
  const app = await startAppServer({
    '/': [
      'text/html',
      `<html data-hothub-theme="dark"><h1 class="title">app</h1><div data-hothub-component="counter"></div>
       <link rel="stylesheet" href="${hub.url}/assets/style/main.css"><script src="${hub.url}/hothub/client.js"></script></html>`,
    ],
  });
  const page = await newPage();
  await page.goto(`${app}/`);
  await connected(page);
  await page.locator('.counter').click();
  await writeFile(join(root, 'components/counter.js'), counterSource('Cross-origin:'));
  await expect.poll(() => page.textContent('[data-hothub-component]')).toBe('Cross-origin: 1');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent'))).toBe('#c4b5fd');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(50, 60, 70); }');
  await expect.poll(() => titleColour(page)).toBe('rgb(50, 60, 70)');
});

it('works behind a path prefix: SDK, socket, assets and component imports under /dev', async () => {
  const { hub, root } = await startDemoHub({ inlineLimit: 0 });
  const proxy = await startPrefixProxy(hub.url!, '/dev', {
    '/': `<link rel="stylesheet" href="/dev/assets/style/main.css"><h1 class="title">app</h1>
          <div data-hothub-component="counter"></div><script src="/dev/hothub/client.js"></script>`,
  });
  const page = await newPage();
  await page.goto(`${proxy}/`);
  await connected(page);
  await page.locator('.counter').click();
  await writeFile(join(root, 'components/counter.js'), counterSource('Prefixed:'));
  await expect.poll(() => page.textContent('[data-hothub-component]')).toBe('Prefixed: 1');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(80, 90, 100); }');
  await expect.poll(() => titleColour(page)).toBe('rgb(80, 90, 100)');
});

it('sends a page that subscribed to styles only nothing about components', async () => {
  const { hub, root } = await startDemoHub();
  const app = await startAppServer({
    '/': [
      'text/html',
      `<link rel="stylesheet" href="${hub.url}/assets/style/main.css"><h1 class="title">x</h1>
       <script src="${hub.url}/hothub/client.js" data-subscribe="style"></script>`,
    ],
  });
  const page = await newPage();
  await page.goto(`${app}/`);
  await connected(page);
  await page.evaluate(() => {
    (window as unknown as { kinds: string[] }).kinds = [];
    window.hothub!.on('reloaded', (e) => (window as unknown as { kinds: string[] }).kinds.push(e.kind));
  });
  await writeFile(join(root, 'components/counter.js'), counterSource('Unseen:'));
  await writeFile(join(root, 'themes/dark.json'), '{ "accent": "red" }');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 1, 1); }');
  await expect.poll(() => titleColour(page)).toBe('rgb(1, 1, 1)');
  await expect.poll(() => hub.seq).toBeGreaterThanOrEqual(7);
  expect(await page.evaluate(() => (window as unknown as { kinds: string[] }).kinds)).toEqual(['style']);
});
