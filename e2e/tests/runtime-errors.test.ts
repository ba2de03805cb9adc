import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientList } from '@hothub/shared';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { sdkTag, startedUrl } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

// Issue 17: runtime errors blamed on the reload that probably caused them. Pages on the app's own server.

/** A counter whose click handler calls a function that does not exist. */
const THROWS_ON_CLICK = `export default {
  mount(el) {
    el.innerHTML = '<button type="button" class="counter">Broken</button>';
    el.querySelector('button').addEventListener('click', () => {
      missingHelper();
    });
  },
};
`;
const EXPECTED = /missingHelper is not defined|unrelated app bug/;

async function open(url: string): Promise<Page> {
  const page = await newPage({}, EXPECTED);
  await page.goto(url);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.locator('.counter').waitFor();
  return page;
}

/** An error of the app's own code, thrown after the SDK connected: no reload explains it. */
const throwUnrelated = (page: Page) =>
  page.evaluate(
    () =>
      void setTimeout(() => {
        throw new Error('unrelated app bug');
      }),
  );

it("blames an error thrown in a new version's click handler on that component: overlay, GET /clients, roll back", async () => {
  // Without probation, so the page's "Roll back" is what takes the version back (next test: the hub does).
  const { hub, root } = await startDemoHub({ probation: 0 });
  const app = await startAppServer({ '/': ['text/html', `<div data-hothub-component="counter"></div>${sdkTag(hub)}`] });
  const page = await open(`${app}/`);
  // Before any reload: nothing explains it, so nothing shows (the overlay comes later and is the only one).
  await throwUnrelated(page);

  await writeFile(join(root, 'components/counter.js'), THROWS_ON_CLICK);
  await expect.poll(() => page.locator('.counter').textContent()).toBe('Broken');
  await page.click('.counter');
  const overlay = page.locator('hothub-toasts li.failure');
  await expect.poll(() => overlay.textContent()).toContain('ReferenceError: missingHelper is not defined');
  const text = await overlay.textContent();
  expect(text).toMatch(/components\/counter\.js:5:\d+/);
  expect(text).toMatch(/probably from components\/counter\.js saved \d+ s ago/);
  expect(text).not.toContain('unrelated');
  expect(await overlay.count()).toBe(1);

  const pages = async () => ((await (await fetch(`${startedUrl(hub)}/clients`)).json()) as ClientList).pages;
  await expect
    .poll(async () => (await pages())[0]?.failures.filter((f) => f.runtime))
    .toEqual([
      expect.objectContaining({
        runtime: true,
        kind: 'component',
        id: 'counter',
        error: expect.objectContaining({ message: expect.stringContaining('missingHelper') }),
      }),
    ]);
  expect((await pages())[0]?.url).toBe(`${app}/`);

  // "Roll back": the hub serves the version before the broken one again, and the page mounts it.
  await page.locator('hothub-toasts li.failure button.action').click();
  await expect.poll(() => page.locator('.counter').textContent()).toBe('Clicked 0 times');
  await expect.poll(() => overlay.count()).toBe(0);
});

it('rolls back from the overlay on a hub with a token: the page sends its data-token, and the hub takes the version back', async () => {
  const token = 'e2e-token-0123456789abcdef';
  const { hub, root } = await startDemoHub({ probation: 0, token });
  const app = await startAppServer({ '/': ['text/html', `<div data-hothub-component="counter"></div>${sdkTag(hub, `data-token="${token}"`)}`] });
  const page = await open(`${app}/`);
  await writeFile(join(root, 'components/counter.js'), THROWS_ON_CLICK);
  await expect.poll(() => page.locator('.counter').textContent()).toBe('Broken');
  await page.click('.counter');
  const overlay = page.locator('hothub-toasts li.failure');
  await expect.poll(() => overlay.textContent()).toContain('missingHelper is not defined');
  // Without the token the hub refuses a rollback: the page's call is what carries it.
  expect((await fetch(`${startedUrl(hub)}/rollback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"component","id":"counter"}' })).status).toBe(401);
  await page.locator('hothub-toasts li.failure button.action').click();
  await expect.poll(() => page.locator('.counter').textContent()).toBe('Clicked 0 times');
  await expect.poll(() => overlay.count()).toBe(0);
});

it('shows an error no reload explains only on a page that asked for every error (data-overlay="all")', async () => {
  const { hub } = await startDemoHub();
  const markup = (attributes: string) => `<div data-hothub-component="counter"></div>${sdkTag(hub, attributes)}`;
  const app = await startAppServer({ '/': ['text/html', markup('')], '/all': ['text/html', markup('data-overlay="all"')] });
  const quiet = await open(`${app}/`);
  const all = await open(`${app}/all`);
  for (const page of [quiet, all]) await throwUnrelated(page);
  await expect.poll(() => all.locator('hothub-toasts li.failure').textContent()).toContain('Error: unrelated app bug');
  // The default page took the same error: once the UI file it loads for it has run, it shows nothing.
  // A string, or the test runner would rewrite the page's import().
  await quiet.evaluate(`(async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve));
    await tick(); // the error has fired, and the SDK asked for its UI file
    await import('${startedUrl(hub)}/hothub/client-ui.mjs');
    await tick(); // the SDK's own import of it resolved with this one: its blame has run
  })()`);
  expect(await quiet.locator('hothub-toasts li').count()).toBe(0);
  const pages = ((await (await fetch(`${startedUrl(hub)}/clients`)).json()) as ClientList).pages;
  expect(pages.flatMap((p) => p.failures)).toEqual([]);
});

it('goes back to the previous component version when the hub takes the failing one back on probation', async () => {
  const { hub, root } = await startDemoHub();
  const app = await startAppServer({ '/': ['text/html', `<div data-hothub-component="counter"></div>${sdkTag(hub)}`] });
  const page = await open(`${app}/`);
  await page.click('.counter');
  await writeFile(join(root, 'components/counter.js'), THROWS_ON_CLICK);
  await expect.poll(() => page.locator('.counter').textContent()).toBe('Broken');
  await page.click('.counter');
  // The page's report counts against the new version's probation: the hub serves the old one again, and the
  // page mounts it (afresh: the broken version kept no state to hand over); the toast says what happened and why.
  await expect.poll(() => page.locator('.counter').textContent()).toBe('Clicked 0 times');
  const toast = page.locator('hothub-toasts li.failure');
  expect(await toast.textContent()).toMatch(/rolled back on probation.*missingHelper is not defined/s);
  await page.click('.counter');
  expect(await page.locator('.counter').textContent()).toBe('Clicked 1 times');
});
