import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { MOUNT_TOKEN } from '@hothub/shared';
import express from 'express';
import { expect, it, onTestFinished } from 'vitest';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

/** Raw bytes and headers, without fetch's transparent decompression. */
function get(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

it('serves the SDK gzipped within the 25 KB budget to browsers that accept gzip, plain to others', async () => {
  const hub = await startHub({ root: await tempRoot() });
  const zipped = await get(`${hub.url}/hothub/client.js`, { 'accept-encoding': 'gzip, deflate' });
  const plain = await get(`${hub.url}/hothub/client.js`, { 'accept-encoding': 'identity' });
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  expect(zipped.body.length).toBeLessThanOrEqual(25_000);
  // The toasts are paid for by the UI file, loaded on first need (next test).
  expect(plain.body.toString('utf8')).not.toContain('hothub-toasts');
});

it('serves the UI file (toasts, overlay) beside both scripts, within its own 5 KB budget, importing nothing of the core', async () => {
  const hub = await startHub({ root: await tempRoot() });
  const ui = await get(`${hub.url}/hothub/client-ui.mjs`, { 'accept-encoding': 'gzip' });
  expect(ui.headers['content-type']).toMatch(/^text\/javascript/);
  expect(ui.headers['access-control-allow-origin']).toBe('*');
  expect(ui.body.length).toBeLessThanOrEqual(5_000);
  const text = gunzipSync(ui.body).toString('utf8');
  // It stands alone: client.js loads it by URL, so an import of the core would load a second SDK.
  expect(text).not.toMatch(/\bfrom\s*["']|\bimport\s*\(/);
  expect(text).toMatch(/export\s*\{[^}]*createUi/);
  // client.mjs loads it beside itself, which a bundler sees as a code-split point.
  expect(await (await fetch(`${hub.url}/hothub/client.mjs`)).text()).toContain('import("./client-ui.mjs")');
});

it('serves a script that still parses whatever path an app mounts the hub at (quotes, backticks, ${)', async () => {
  const hub = await startHub({ root: await tempRoot() });
  const app = express();
  app.use('/:tenant', hub.app);
  const server = app.listen(0, '127.0.0.1');
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  // Sent raw (fetch would percent-encode them): the mount reaches the hub as written.
  for (const mount of ["/a'b", '/a`b', '/a${b}', '/a"b', '/<script>']) {
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: `${mount}/hothub/client.js` }, (res) => {
        expect(res.statusCode).toBe(200);
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end();
    });
    expect(body).not.toContain(MOUNT_TOKEN);
    // Compiled, not run: a mount that broke out of its string literal would be a SyntaxError here.
    expect(() => new Function(body)).not.toThrow();
  }
  expect((await fetch(`${hub.url}/hothub/client.js`)).status).toBe(200);
});
