import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

const hostedComponents = `document.body.insertAdjacentHTML('beforeend', '<div class="late" data-hothub-component="counter"></div>')`;

it('close() leaves no observer, toast or theme sheet behind (issue 11)', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.waitForFunction(() => document.adoptedStyleSheets.length === 1); // the page's light theme
  // Before close: a component added later mounts, and a failure shows a toast.
  await page.evaluate(hostedComponents);
  await expect.poll(() => page.locator('.late .counter').count()).toBe(1);
  await writeFile(join(root, 'components/counter.js'), 'export default {\n  mount(el) { el.innerHTML = ; }\n};\n');
  await expect.poll(() => page.locator('hothub-toasts li.failure').count()).toBe(1);

  await page.evaluate(() => {
    window.hothub!.close();
    window.hothub!.close();
  });
  expect(await page.evaluate(() => window.hothub!.connected)).toBe(false);
  expect(await page.locator('hothub-toasts').count()).toBe(0);
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);

  // Nothing observes the page any more: a new component host stays empty, a theme attribute applies nothing.
  await page.evaluate(() => document.querySelector('.late')!.remove());
  await page.evaluate(hostedComponents);
  await page.evaluate(() => document.documentElement.setAttribute('data-hothub-theme', 'dark'));
  // The hub is still up and answers: give an observer every chance to act, then check it did not.
  await page.evaluate(async () => (await fetch('/assets/theme/dark.css')).text());
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  expect(await page.locator('.late').innerHTML()).toBe('');
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
  expect(await page.locator('hothub-toasts').count()).toBe(0);
});
