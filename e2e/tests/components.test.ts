import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newPage } from '../support/browser.js';
import { counterSource } from '../support/counter.js';
import { startDemoHub } from '../support/demo-hub.js';

const counterText = (page: Page) => page.evaluate(() => document.querySelector('[data-hothub-component="counter"]')?.textContent);

async function openDemo(url: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.locator('.counter').waitFor();
  await page.evaluate(() => (window.marker = 'still here'));
  return page;
}

it('keeps a counter clicked to 7 at 7 across 10 edits of its markup, without reloading the page', async () => {
  const { hub, root } = await startDemoHub();
  const page = await openDemo(hub.url!);
  for (let i = 0; i < 7; i++) await page.click('.counter');
  expect(await counterText(page)).toBe('Clicked 7 times');
  for (let edit = 1; edit <= 10; edit++) {
    await writeFile(join(root, 'components/counter.js'), counterSource(`Edit ${edit}:`));
    await expect.poll(() => counterText(page)).toBe(`Edit ${edit}: 7`);
  }
  await page.click('.counter');
  expect(await counterText(page)).toBe('Edit 10: 8');
  expect(await page.evaluate(() => window.marker)).toBe('still here');
});

it('shows a syntax error with its line in a failure toast, keeps the old component working, and a fix clears the toast', async () => {
  const { hub, root } = await startDemoHub();
  const page = await openDemo(hub.url!);
  await page.click('.counter');
  await writeFile(join(root, 'components/counter.js'), 'export default {\n  mount(el) { el.innerHTML = ; }\n};\n');
  const toast = page.locator('hothub-toasts li.failure');
  await expect.poll(() => toast.textContent()).toContain('components/counter.js:2:30');
  expect(await toast.getAttribute('role')).toBe('alert');
  await page.click('.counter');
  expect(await counterText(page)).toBe('Clicked 2 times');

  await writeFile(join(root, 'components/counter.js'), counterSource('Fixed:'));
  await expect.poll(() => counterText(page)).toBe('Fixed: 2');
  await expect.poll(() => toast.count()).toBe(0);
});

it('rolls back a version that throws while mounting, shows it and reports it to the hub', async () => {
  const { hub, root } = await startDemoHub();
  const page = await openDemo(hub.url!);
  await page.click('.counter');
  await writeFile(join(root, 'components/counter.js'), counterSource('Broken:', "\n    throw new Error('cannot render');"));
  await expect.poll(() => hub.clientFailures().length).toBe(1);
  expect(hub.clientFailures()[0]).toMatchObject({ kind: 'component', id: 'counter', error: { message: 'cannot render', line: 5 } });
  expect(await page.locator('hothub-toasts li.failure').textContent()).toContain('cannot render');
  expect(await counterText(page)).toBe('Clicked 1 times');
  await page.click('.counter');
  expect(await counterText(page)).toBe('Clicked 2 times');
});

it('re-mounts a component when a module it imports under components/ changes', async () => {
  const { hub, root } = await startDemoHub();
  await writeFile(join(root, 'components/label.js'), "export const label = 'Count';\n");
  await writeFile(
    join(root, 'components/tally.js'),
    "import { label } from './label.js';\nexport default { mount(el, state = 5) { el.textContent = `${label}: ${state}`; }, unmount: () => 5 };\n",
  );
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.dataset.hothubComponent = 'tally';
    el.id = 'tally';
    document.body.append(el);
  });
  await expect.poll(() => page.textContent('#tally')).toBe('Count: 5');
  await writeFile(join(root, 'components/label.js'), "export const label = 'Total';\n");
  await expect.poll(() => page.textContent('#tally')).toBe('Total: 5');
  await writeFile(join(root, 'components/label.js'), "export const label = 'Sum';\n");
  await expect.poll(() => page.textContent('#tally')).toBe('Sum: 5');
});
