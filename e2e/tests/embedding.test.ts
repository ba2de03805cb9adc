import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { newPage } from '../support/browser.js';

/** The documented embedding recipe (docs/embedding.md): an express app mounting `hub.app` under /hot. */
const EXAMPLE = fileURLToPath(new URL('../../packages/server/examples/embed-express.mjs', import.meta.url));

async function startExample(root: string): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, [EXAMPLE], { env: { ...process.env, APP_ROOT: root, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(async () => {
    if (child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
  await expect.poll(() => out, { timeout: 15_000 }).toMatch(/app listening on http:\S+/);
  return /app listening on (http:\S+)/.exec(out)![1]!;
}

it('the documented recipe works in Chromium: a page with <script src="/hot/hothub/client.js"> connects and applies a stylesheet save', async () => {
  const root = await mkdtemp(join(tmpdir(), 'hothub-e2e-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'styles'));
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const url = await startExample(root);
  const page = await newPage();
  await page.goto(`${url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  const colour = () => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);
  expect(await colour()).toBe('rgb(1, 2, 3)');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  await expect.poll(colour).toBe('rgb(4, 5, 6)');
  expect(await page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').length)).toBe(1);

  // A deleted sheet is removed by the hub (404) while the page keeps the rules it shows (README).
  const removed = page.evaluate(() => new Promise<boolean>((resolve) => window.hothub!.on('reloaded', (e) => e.removed && resolve(true))));
  await rm(join(root, 'styles/main.css'));
  expect(await removed).toBe(true);
  expect((await fetch(`${url}/hot/assets/style/main.css`)).status).toBe(404);
  expect(await colour()).toBe('rgb(4, 5, 6)');
});
