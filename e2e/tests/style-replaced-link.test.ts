import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { colourOf, openAppPage, sdkTag } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { startDemoHub } from '../support/demo-hub.js';

// A build tool's own CSS HMR (Vite's css-update) replaces a <link> with a fresh clone and drops the old
// one, on the same save the hub announces. A link detached before the SDK points it at the new version
// never loads: waiting on it would leave every later update of the page stuck behind it.

it("keeps applying saves when the app replaces the sheet's link while the hub's version loads", async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const app = await startAppServer({ '/': ['text/html', `<link rel="stylesheet" href="/styles/main.css"><h1 class="title">x</h1>${sdkTag(hub)}`] }, { root });
  const page = await openAppPage(`${app}/`);
  await page.evaluate(() => {
    window.recorded = [];
    window.hothub!.on('reloaded', (e) => window.recorded!.push(e.id));
    /** Swaps in a clone of the page's sheet link at a fresh URL and drops the old one, as Vite's HMR does. */
    const replace = () => {
      const old = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')!;
      const clone = old.cloneNode() as HTMLLinkElement;
      clone.href = `/styles/main.css?t=${window.recorded!.length}`;
      old.after(clone);
      old.remove();
    };
    // Save 1: the app replaces the link as soon as the hub starts preloading its new version.
    // Save 2: the app replaces it right after the hub pointed it at its new version (Chromium still fires
    // `load`, from the preloaded response: checked here so it stays that way).
    new MutationObserver((records) => {
      const preloading = records.some((r) => Array.from(r.addedNodes).some((n) => n instanceof HTMLLinkElement && n.rel === 'preload'));
      if (preloading && window.recorded!.length === 0) replace();
    }).observe(document.head, { childList: true });
    new MutationObserver((records) => {
      const pointed = records.some((r) => r.attributeName === 'href' && (r.target as HTMLLinkElement).href.includes('hothub='));
      if (pointed && window.recorded!.length === 1) replace();
    }).observe(document.head, { attributes: true, subtree: true, attributeFilter: ['href'] });
  });

  for (const [n, colour] of [
    [1, 'rgb(4, 5, 6)'],
    [2, 'rgb(7, 8, 9)'],
    [3, 'rgb(10, 11, 12)'],
  ] as const) {
    await writeFile(join(root, 'styles/main.css'), `.title { color: ${colour}; }`);
    await expect.poll(() => page.evaluate(() => window.recorded!.length)).toBe(n);
    await expect.poll(() => colourOf(page, '.title')).toBe(colour);
  }
  expect(await page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').length)).toBe(1);
  await expect.poll(() => page.locator('hothub-toasts li.success').allTextContents()).toContainEqual(expect.stringContaining('main.css reloaded (1 sheet)'));
});
