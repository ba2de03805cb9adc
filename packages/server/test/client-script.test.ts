import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
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
});
