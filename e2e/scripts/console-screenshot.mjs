// Writes docs/images/console.png, the README's picture of the console: a demo hub with two open
// pages, a few saves (one refused), then the console with a kept version's diff open. Not a test. Needs the build:
//   npx -y pnpm@10.34.9 build && node e2e/scripts/console-screenshot.mjs
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHub } from 'hothub';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../../docs/images/console.png');
const args = JSON.parse(readFileSync(join(here, '../support/chromium-args.json'), 'utf8'));
const demo = join(dirname(createRequire(import.meta.url).resolve('hothub/package.json')), 'demo');

const root = await mkdtemp(join(tmpdir(), 'hothub-shot-'));
await cp(demo, root, { recursive: true });
const hub = createHub({ root, port: 0, host: '127.0.0.1', logLevel: 'warn' });
await hub.start();
const browser = await chromium.launch({ executablePath: process.env.HOTHUB_CHROMIUM ?? '/usr/bin/chromium', args });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (let i = 0; i < 2; i++) {
    const app = await context.newPage();
    await app.goto(`${hub.url}/`);
    await app.waitForFunction(() => window.hothub?.connected === true);
  }
  const sheet = join(root, 'styles/main.css');
  // Each write waits for its event, so the console shows every one (bounded: a handful of saves).
  const saves = ['.title { color: rgb(20, 90, 200); }', '.title { color: rgb(20, 90, 200); ', '.title { color: rgb(200, 40, 40); }'];
  for (const css of saves) {
    const seq = hub.seq;
    await writeFile(sheet, `${css}\n`);
    for (let tries = 0; hub.seq === seq && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const console = await context.newPage();
  await console.goto(`${hub.url}/hothub/console`);
  await console.waitForFunction(() => document.querySelector('.state')?.textContent === 'live');
  await console.waitForFunction(() => document.querySelectorAll('tr.page').length === 2);
  await console.locator('select').selectOption('style/main.css');
  await console.waitForFunction(() => document.querySelector('button[data-version]') !== null);
  // The first kept version's diff against the serving one, as an operator would open before rolling back.
  await console.locator('button[data-compare]').first().click();
  await console.waitForFunction(() => document.querySelector('pre.diff') !== null);
  await console.screenshot({ path: out, fullPage: true });
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
  await hub.stop();
  await rm(root, { recursive: true, force: true });
}
