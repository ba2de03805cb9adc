import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it, onTestFinished } from 'vitest';
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
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
