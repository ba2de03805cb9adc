import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { CLIENT_SCRIPT_PATH } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { PROXY_MOUNT } from '../src/proxy/app-proxy.js';
import { listenOnLoopback } from './support/app-with-hub.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const PAGE = '<!doctype html><html><head><title>app</title></head><body><h1>héllo</h1></body></html>';
const TAG = `<script src="${PROXY_MOUNT}${CLIENT_SCRIPT_PATH}"></script>`;

/** The app behind the proxy: pages gzip+chunked, brotli, plain; a redirect; an echo over a raw upgrade. */
async function startApp(): Promise<string> {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/gzip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', etag: '"v1"' });
      const body = gzipSync(PAGE);
      // Two writes without Content-Length: chunked.
      res.write(body.subarray(0, 10));
      res.end(body.subarray(10));
    },
    '/br': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(brotliCompressSync(PAGE)),
    '/bad-gzip': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end('not gzip at all'),
    '/data.json': (_req, res) => void res.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' }).end('{"a":"<b>"}'),
    '/login': (req, res) => void res.writeHead(302, { location: `http://${req.headers.host}/home?x=1` }).end(),
    '/away': (_req, res) => void res.writeHead(302, { location: 'https://example.org/elsewhere' }).end(),
    '/echo-headers': (req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers)),
  };
  const server = createServer((req, res) => (routes[req.url ?? ''] ?? ((_q, r) => void r.writeHead(404).end('app 404')))(req, res));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (req.url !== '/echo') return void socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
    socket.pipe(socket);
  });
  return listenOnLoopback(server);
}

async function proxyingHub() {
  const app = await startApp();
  const root = await tempRoot({ 'styles/main.css': '.a { color: red; }' });
  const hub = await startHub({ root, proxy: app });
  return { hub, root, app, url: hub.url! };
}

describe('proxy mode', () => {
  it('adds the SDK tag to gzip-encoded chunked and brotli pages, with a right Content-Length and no stale encoding or ETag', async () => {
    const { url } = await proxyingHub();
    for (const path of ['/gzip', '/br']) {
      const res = await fetch(`${url}${path}`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.toString('utf8'), path).toBe(PAGE.replace('</body>', `${TAG}</body>`));
      expect(res.headers.get('content-length'), path).toBe(String(body.length));
      expect(res.headers.get('content-encoding'), path).toBeNull();
      expect(res.headers.get('etag'), path).toBeNull();
    }
  });

  it('passes other answers through untouched, and the hub keeps its own routes under /__hothub', async () => {
    const { url, app } = await proxyingHub();
    const json = await fetch(`${url}/data.json`);
    expect([json.headers.get('content-length'), await json.text()]).toEqual(['11', '{"a":"<b>"}']);
    expect((await fetch(`${url}/missing`)).status).toBe(404);
    expect((await fetch(`${url}${PROXY_MOUNT}${CLIENT_SCRIPT_PATH}`)).headers.get('content-type')).toMatch(/javascript/);
    expect(await (await fetch(`${url}${PROXY_MOUNT}/assets/style/main.css`)).text()).toContain('color: red');
    const headers = (await (await fetch(`${url}/echo-headers`, { headers: { 'accept-encoding': 'zstd, br, gzip' } })).json()) as Record<string, string>;
    expect(headers).toMatchObject({ host: new URL(app).host, 'x-forwarded-host': new URL(url).host, 'x-forwarded-proto': 'http' });
    expect(headers['accept-encoding']).toBe('br, gzip');
  });

  it("moves redirects to the app's origin onto the hub's, and leaves others alone", async () => {
    const { url } = await proxyingHub();
    const res = await fetch(`${url}/login`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([302, `${url}/home?x=1`]);
    expect((await fetch(`${url}/away`, { redirect: 'manual' })).headers.get('location')).toBe('https://example.org/elsewhere');
  });

  it("passes the app's WebSocket upgrades through while the hub's socket keeps working", async () => {
    const { url, root } = await proxyingHub();
    const { hostname, port } = new URL(url);
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = request({ hostname, port, path: '/echo', headers: { connection: 'Upgrade', upgrade: 'echo' } });
      req.on('upgrade', (_res, socket) => {
        socket.once('data', (data: Buffer) => {
          resolve(data.toString());
          socket.destroy();
        });
        socket.write('ping');
      });
      req.on('error', reject);
      req.end();
    });
    expect(echoed).toBe('ping');
    const client = await connectClient(url);
    await write(root, 'styles/main.css', '.a { color: blue; }');
    await eventually(() => expect(client.reloaded.at(-1)).toMatchObject({ kind: 'style', id: 'main.css' }));
  });

  it('a broken gzip page or an app that is down: a 502 saying so, and the hub still answers', async () => {
    const { url } = await proxyingHub();
    const bad = await fetch(`${url}/bad-gzip`);
    expect([bad.status, await bad.text()]).toEqual([502, expect.stringContaining('could not read the page /bad-gzip')]);
    const root = await tempRoot();
    const down = await startHub({ root, proxy: 'http://127.0.0.1:9' });
    const answer = await fetch(`${down.url}/`);
    expect([answer.status, await answer.text()]).toEqual([502, expect.stringContaining('could not reach the app at http://127.0.0.1:9')]);
    expect((await fetch(`${down.url}${PROXY_MOUNT}/health`)).status).toBe(200);
    expect((await fetch(`${url}/gzip`)).status).toBe(200);
  });

  it('refuses a --proxy value that is not an origin, saying what it takes', async () => {
    const root = await tempRoot();
    await expect(startHub({ root, proxy: 'localhost:3000/app' })).rejects.toThrow(/--proxy takes the app's origin, such as http:\/\/localhost:3000/);
  });
});
