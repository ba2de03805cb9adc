import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hub } from 'hothub';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { colourOf, openAppPage, sdkTag, startedUrl } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

/** Opens the hub's console, recording CSP violations, and waits for its live stream to connect. */
async function openConsole(hub: Hub): Promise<Page> {
  const page = await newPage();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations!.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${startedUrl(hub)}/hothub/console`);
  await expect.poll(() => page.locator('.state').textContent()).toBe('live');
  return page;
}

/** The version of `styles/main.css` serving now. */
function servingVersion(hub: Hub): string | undefined {
  return hub.artifacts('style').find((a) => a.id === 'main.css')?.source.version;
}

it('shows each save live with its phase timings, and a page that connects with the versions it applied', async () => {
  const { hub, root } = await startDemoHub();
  const consolePage = await openConsole(hub);
  const app = await openAppPage(`${startedUrl(hub)}/`);
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }\n');
  await expect.poll(() => colourOf(app, '.title')).toBe('rgb(1, 2, 3)');
  await expect.poll(() => consolePage.locator('li.event').first().textContent()).toMatch(/style\/main\.css.*file.*styles\/main\.css/);
  // Where the save's time went, step by step, as the pipeline measured it.
  expect(await consolePage.locator('li.event .phases').first().textContent()).toMatch(/^read [\d.]+ · validate [\d.]+ · backup [\d.]+ · apply [\d.]+ · check [\d.]+ · commit [\d.]+ ms$/);
  const row = consolePage.locator(`tr[data-page="${startedUrl(hub)}/"]`);
  await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(`style/main.css @ ${servingVersion(hub)}`);
  expect(await row.textContent()).toContain('up to date');
  expect(await row.textContent()).toContain(`via ${hub.url}`);
  // The console is no page: one row only.
  expect(await consolePage.locator('tr.page').count()).toBe(1);
  expect(await consolePage.evaluate(() => window.violations)).toEqual([]);
});

it("shows a kept sheet's diff against the serving one, rolls it back from the console's button, and an open app page gets it", async () => {
  const { hub, root } = await startDemoHub();
  const appUrl = await startAppServer({
    '/': ['text/html', `<link rel="stylesheet" href="${startedUrl(hub)}/assets/style/main.css"><h1 class="title">x</h1>${sdkTag(hub)}`],
  });
  const app = await openAppPage(`${appUrl}/`);
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(10, 20, 30); }\n');
  await expect.poll(() => colourOf(app, '.title')).toBe('rgb(10, 20, 30)');
  const previous = servingVersion(hub);
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(200, 0, 0); }\n');
  await expect.poll(() => colourOf(app, '.title')).toBe('rgb(200, 0, 0)');

  const consolePage = await openConsole(hub);
  await consolePage.locator('select').selectOption('style/main.css');
  // Choosing the version shows what a rollback to it changes: the serving line out, the kept one in.
  await consolePage.locator(`button[data-compare="${previous}"]`).click();
  const diff = consolePage.locator(`pre[data-diff="${previous}"]`);
  await expect.poll(() => diff.locator('.del').allTextContents()).toEqual(['- .title { color: rgb(200, 0, 0); }']);
  expect(await diff.locator('.add').allTextContents()).toEqual(['+ .title { color: rgb(10, 20, 30); }']);
  const button = consolePage.locator(`button[data-version="${previous}"]`);
  await button.click();
  await expect.poll(() => colourOf(app, '.title')).toBe('rgb(10, 20, 30)');
  await expect.poll(() => consolePage.locator('.said').textContent()).toContain(`rolled back to ${previous}`);
  expect(await consolePage.evaluate(() => window.violations)).toEqual([]);
});

it('asks for the token of a hub that has one, says when it is refused, and opens with the right one', async () => {
  const token = 'console-token-0123456789';
  const { hub } = await startDemoHub({ token });
  const page = await newPage();
  await page.goto(`${startedUrl(hub)}/hothub/console`);
  const input = page.locator('input[name="token"]');
  await input.fill('not-the-token-0123456789');
  await page.locator('button[type="submit"]').click();
  await expect.poll(() => page.locator('form.token p').textContent()).toContain('refused this token');
  await page.locator('input[name="token"]').fill(token);
  await page.locator('button[type="submit"]').click();
  await expect.poll(() => page.locator('.state').textContent()).toBe('live');
  await expect.poll(() => page.locator('li.event').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => sessionStorage.getItem('hothub-console-token'))).toBe(token);
});
