import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { SOCKET_PATH } from '@hothub/shared';
import { Server } from 'socket.io';
import { expect, it, onTestFinished } from 'vitest';
import { newPage } from '../support/browser.js';

const require = createRequire(import.meta.url);
const CLIENT_JS = readFileSync(require.resolve('@hothub/client/dist/client.js'), 'utf8');

/** A stand-in hub that serves the real SDK and lets the test emit anything to the page. */
async function startFakeHub(): Promise<{ url: string; io: Server }> {
  const http = createServer((req, res) => {
    if (req.url === '/hothub/client.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(CLIENT_JS);
    if (req.url === '/assets/style/main.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end('');
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      '<link rel="stylesheet" href="/assets/style/main.css"><h1 class="title">x</h1><script src="/hothub/client.js" data-toasts="false"></script>',
    );
  });
  const io = new Server(http, { path: SOCKET_PATH });
  io.on('connection', (socket) => socket.emit('connected', { protocol: 1, serverId: 'fake', seq: 0, kinds: ['style'] }));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => void io.close(() => resolve())));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, io };
}

it('drops an event that fails its schema with one console warning, and keeps applying valid ones', async () => {
  const { url, io } = await startFakeHub();
  const page = await newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);

  io.emit('reloaded', { seq: 1, kind: 'sprite', id: 'main.css', content: '.title { color: rgb(9, 9, 9) }' });
  await expect.poll(() => warnings.filter((w) => w.includes('dropped an event'))).toHaveLength(1);
  expect(warnings[0]).toMatch(/invalid reloaded event/);

  const valid = { seq: 2, ts: Date.now(), kind: 'style', id: 'main.css', version: 'v2', trigger: 'file', durationMs: 1 };
  // The text travels in the event: the SDK applies it to the hub-asset link without a request.
  io.emit('reloaded', { ...valid, url: '/assets/style/main.css?v=v2', content: '.title { color: rgb(1, 2, 3) }' });
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color))
    .toBe('rgb(1, 2, 3)');
  expect(warnings.filter((w) => w.includes('dropped an event'))).toHaveLength(1);
});
