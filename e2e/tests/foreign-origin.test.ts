import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'hothub';
import { chromium, type Page } from 'playwright-core';
import { expect, it, onTestFinished } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { startDemoHub } from '../support/demo-hub.js';

const titleColour = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);

/** Whether the page may read a hub asset with fetch() (CORS), as a page stealing sources would. */
const readsAsset = (page: Page, url: string) => page.evaluate((u) => fetch(u).then(() => 'read', () => 'blocked'), url);

/**
 * A page of a browser that resolves evil.test to 127.0.0.1: the app's own server under a foreign name.
 * Its own launch, as the resolver rule is a browser flag; a routed (fulfilled) page would not do, as
 * Chromium then counts it public and blocks its loopback requests (Private Network Access) before the hub sees them.
 */
async function foreignPage(): Promise<Page> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP evil.test 127.0.0.1'] });
  onTestFinished(() => browser.close());
  return browser.newPage();
}

/** Keeps the hub's warnings, to see what it refused. */
function recordingLogger(lines: string[]): Logger {
  const logger: Logger = { debug: () => undefined, info: () => undefined, warn: (m) => void lines.push(m), error: (m) => void lines.push(m), channel: () => logger };
  return logger;
}

/** The app's page: the hub's stylesheet and SDK by classic tags, then a script of its own that must still run. */
async function appServer(hubUrl: string): Promise<string> {
  return startAppServer({
    '/': [
      'text/html',
      `<link rel="stylesheet" href="${hubUrl}/assets/style/main.css"><h1 class="title">x</h1>
       <script src="${hubUrl}/hothub/client.js"></script>
       <script>window.marker = 'app ran';</script>`,
    ],
  });
}

it('a page on a foreign host loads the SDK but its socket is refused and it cannot read assets; on localhost it connects and applies a save', async () => {
  const logs: string[] = [];
  const { hub, root } = await startDemoHub({ logger: recordingLogger(logs) });
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const app = await appServer(hub.url!);
  const asset = `${hub.url}/assets/style/main.css`;

  const foreign = await foreignPage();
  const errors: Error[] = [];
  foreign.on('pageerror', (error) => errors.push(error));
  const foreignOrigin = app.replace('127.0.0.1', 'evil.test');
  await foreign.goto(`${foreignOrigin}/`);
  await foreign.waitForFunction(() => window.hothub !== undefined && window.marker === 'app ran');
  await expect.poll(() => logs.join('\n')).toContain(`socket refused: origin ${foreignOrigin} may not read this hub`);
  expect(await foreign.evaluate(() => window.hothub!.connected)).toBe(false);
  expect(await readsAsset(foreign, asset)).toBe('blocked');
  expect(await titleColour(foreign)).toBe('rgb(1, 2, 3)');
  expect(errors).toEqual([]);

  const local = await newPage();
  await local.goto(`${app.replace('127.0.0.1', 'localhost')}/`);
  await local.waitForFunction(() => window.hothub?.connected === true);
  expect(await readsAsset(local, asset)).toBe('read');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  await expect.poll(() => titleColour(local)).toBe('rgb(4, 5, 6)');
});
