import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHub } from 'hothub';
import type { Page } from 'playwright-core';
import { expect, it, onTestFinished } from 'vitest';
import { startRedis } from '../../packages/server/test/support/redis.js';
import { newPage } from '../support/browser.js';
import { counterSource } from '../support/counter.js';
import { startDemoHub } from '../support/demo-hub.js';

const titleColour = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);

it('updates pages on two hubs joined through Redis from one save, and a component keeps its state on both', async () => {
  const redis = await startRedis();
  const { hub: first, root } = await startDemoHub({ redis: redis.url });
  const second = createHub({ root, port: 0, host: '127.0.0.1', logLevel: 'warn', redis: redis.url });
  onTestFinished(() => second.stop());
  await second.start();

  const pages = [await newPage(), await newPage()];
  for (const [page, hub] of [[pages[0]!, first], [pages[1]!, second]] as const) {
    await page.goto(`${hub.url}/`);
    await page.waitForFunction(() => window.hothub?.connected === true);
    await page.getByRole('button').first().click();
  }

  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(50, 60, 70); }');
  for (const page of pages) await expect.poll(() => titleColour(page), { timeout: 15_000 }).toBe('rgb(50, 60, 70)');
  await writeFile(join(root, 'components/counter.js'), counterSource('Pressed'));
  for (const page of pages) {
    await expect.poll(() => page.locator('button.counter').textContent(), { timeout: 15_000 }).toBe('Pressed 1');
  }
  const seqs = await Promise.all(pages.map((page) => page.evaluate(() => window.hothub!.lastSeq)));
  expect(seqs[0]).toBe(seqs[1]);
});
