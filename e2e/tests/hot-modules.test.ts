import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sdkTag } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

// Issue 17: a store module under components/ that is not a component swaps in place with hothub.hot(id).

/** Version `n` of the store: its items live in `hot.data`, so every version shares them. */
const store = (n: number) => `const hot = window.hothub.hot('store');
hot.data.versions = [...(hot.data.versions ?? []), ${n}];
hot.data.items ??= [];
export const items = hot.data.items;
export const VERSION = ${n};
hot.dispose((data) => { data.disposed = (data.disposed ?? 0) + 1; });
hot.accept((next) => { (window.accepted ??= []).push(next.VERSION); });
`;

const CART = `import { items, VERSION } from './store.js';
export default {
  mount(el) {
    const render = () => { el.innerHTML = '<button type="button" class="cart">store v' + VERSION + ': ' + items.length + ' items</button>'; };
    render();
    // A property, not addEventListener: each version's mount replaces the one before on the same element.
    el.onclick = () => { items.push('item'); render(); };
  },
};
`;

it("keeps a store module's data across three versions: dispose runs before each, accept gets each new one, no reload", async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'components/store.js'), store(1));
  await writeFile(join(root, 'components/cart.js'), CART);
  const app = await startAppServer({ '/': ['text/html', `<div data-hothub-component="cart"></div>${sdkTag(hub)}`] });
  const page = await newPage();
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  const cart = page.locator('.cart');
  await expect.poll(() => cart.textContent()).toBe('store v1: 0 items');
  await page.evaluate(() => (window.marker = 'same page'));
  await cart.click();
  await cart.click();
  await expect.poll(() => cart.textContent()).toBe('store v1: 2 items');

  await writeFile(join(root, 'components/store.js'), store(2));
  await expect.poll(() => cart.textContent()).toBe('store v2: 2 items');
  await cart.click();
  await writeFile(join(root, 'components/store.js'), store(3));
  await expect.poll(() => cart.textContent()).toBe('store v3: 3 items');

  const data = await page.evaluate(() => window.hothub!.hot('store').data);
  expect(data).toMatchObject({ versions: [1, 2, 3], disposed: 2, items: ['item', 'item', 'item'] });
  expect(await page.evaluate(() => (window as unknown as { accepted: number[] }).accepted)).toEqual([2, 3]);
  expect(await page.evaluate(() => window.marker)).toBe('same page');
});
