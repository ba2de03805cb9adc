import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openAppPage, sdkTag } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { startDemoHub } from '../support/demo-hub.js';

it("reloads a page when its HTML is saved, after a toast saying so, and restores the scroll position", async () => {
  const { hub, root } = await startDemoHub();
  await mkdir(join(root, 'pages'), { recursive: true });
  // Chromium's own scroll restoration off: the position must come back through the SDK.
  const html = (heading: string) =>
    `<script>history.scrollRestoration = 'manual'</script><h1 id="h" style="margin-bottom: 4000px">${heading}</h1><p>end</p>${sdkTag(hub)}`;
  await writeFile(join(root, 'pages/index.html'), html('first'));
  // The app's own server serves the hub's pages/ folder from disk.
  const app = await startAppServer({}, { root });
  const page = await openAppPage(`${app}/pages/index.html`);
  await page.evaluate(() => {
    window.scrollTo(0, 1500);
    window.marker = 'kept';
  });

  await writeFile(join(root, 'pages/index.html'), html('second'));
  await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('Reloading: index.html changed');
  await expect.poll(() => page.evaluate(() => document.getElementById('h')?.textContent)).toBe('second');
  await page.waitForFunction(() => window.hothub?.connected === true);
  expect(await page.evaluate(() => window.marker)).toBeUndefined();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(1500);
});

it('leaves a page alone when another page is saved, and says so', async () => {
  const { hub, root } = await startDemoHub();
  await mkdir(join(root, 'pages'), { recursive: true });
  await writeFile(join(root, 'pages/index.html'), `<h1>home</h1>${sdkTag(hub)}`);
  await writeFile(join(root, 'pages/about.html'), '<h1>about</h1>');
  const app = await startAppServer({}, { root });
  const page = await openAppPage(`${app}/pages/index.html`);
  await page.evaluate(() => (window.marker = 'kept'));

  await writeFile(join(root, 'pages/about.html'), '<h1>about us</h1>');
  await expect.poll(() => page.locator('hothub-toasts li.neutral').textContent()).toContain('about.html: not used on this page');
  expect(await page.evaluate(() => window.marker)).toBe('kept');
});
