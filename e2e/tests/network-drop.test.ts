import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';
import { startNetworkLink } from '../support/network-link.js';

const titleColour = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);

it('gets a stylesheet and a theme edited while the network was down, once each, after it comes back', async () => {
  const { hub, root } = await startDemoHub();
  const link = await startNetworkLink(hub.url!);
  const page = await newPage();
  await page.goto(`${link.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.evaluate(() => {
    window.marker = 'same page';
    (window as unknown as { applied: string[] }).applied = [];
    window.hothub!.on('reloaded', (e) => (window as unknown as { applied: string[] }).applied.push(`${e.id}@${e.seq}`));
  });

  const seqBefore = hub.seq;
  link.cut();
  await page.waitForFunction(() => window.hothub?.connected === false);
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(11, 22, 33); }');
  await writeFile(join(root, 'themes/light.json'), JSON.stringify({ accent: '#123456', surface: { page: '#ffffff', card: '#ffffff' }, text: '#000000' }));
  await expect.poll(() => hub.seq).toBeGreaterThanOrEqual(seqBefore + 2);
  link.restore();

  await expect.poll(() => titleColour(page), { timeout: 20_000 }).toBe('rgb(11, 22, 33)');
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()))
    .toBe('#123456');
  const applied = await page.evaluate(() => (window as unknown as { applied: string[] }).applied);
  expect(new Set(applied).size).toBe(applied.length);
  expect(applied.filter((entry) => entry.startsWith('main.css@'))).toHaveLength(1);
  expect(await page.evaluate(() => window.marker)).toBe('same page');
});
