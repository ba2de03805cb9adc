import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it, onTestFinished } from 'vitest';
import { listenOnLoopback } from '../support/app-server.js';
import { colourOf, openAppPage } from '../support/app-page.js';
import { startDemoHub } from '../support/demo-hub.js';

/** A server-rendered app on its own port: its page gzip-encoded and chunked, its sheet linked from the hub, a redirect. */
async function startApp(): Promise<string> {
  const page = '<!doctype html><html><head><link rel="stylesheet" href="/__hothub/assets/style/main.css"></head><body><h1 class="title">proxied</h1></body></html>';
  const server = createServer((req, res) => {
    if (req.url === '/old') return void res.writeHead(301, { location: `http://${req.headers.host}/` }).end();
    if (req.url !== '/') return void res.writeHead(404).end();
    const body = gzipSync(page);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
    res.write(body.subarray(0, 20));
    res.end(body.subarray(20));
  });
  return listenOnLoopback(server);
}

it('proxy mode: the app loads through the hub with the SDK added (no tag in the app), a CSS save applies, a redirect lands on the hub', async () => {
  const app = await startApp();
  const { hub, root } = await startDemoHub({ proxy: app });
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const page = await openAppPage(`${hub.url}/old`);
  expect(page.url()).toBe(`${hub.url}/`);
  expect(await page.locator('h1').textContent()).toBe('proxied');
  expect(await colourOf(page, '.title')).toBe('rgb(1, 2, 3)');
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
});

it('proxy mode with a page watch rule: saving the server template the app renders reloads the page with the new markup', async () => {
  // A server-rendered app that reads its template from disk on every request, as Express views do with caching off.
  let template = '';
  const server = createServer((req, res) => {
    if (req.url !== '/') return void res.writeHead(404).end();
    void readFile(template, 'utf8').then((body) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const app = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { hub, root } = await startDemoHub({ proxy: app, watch: { page: 'views/**/*.njk' } });
  template = join(root, 'views/index.njk');
  await mkdir(join(root, 'views'), { recursive: true });
  await writeFile(template, '<!doctype html><html><body><h1>first</h1></body></html>');

  const page = await openAppPage(`${hub.url}/`);
  expect(await page.locator('h1').textContent()).toBe('first');
  await page.evaluate(() => Object.assign(window, { beforeReload: true }));
  await writeFile(template, '<!doctype html><html><body><h1>second</h1></body></html>');
  await expect.poll(() => page.locator('h1').textContent()).toBe('second');
  // A full reload, not a patch: the page's own state is gone.
  expect(await page.evaluate(() => 'beforeReload' in window)).toBe(false);
});
