import { once } from 'node:events';
import { createServer } from 'node:http';
import { CLIENT_SCRIPT_PATH } from '@hothub/shared';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../src/index.js';
import { isHubPath } from '../src/http/hub-paths.js';
import { createLogger } from '../src/util/log.js';
import { rawGet } from './support/raw-http.js';
import { listenWithHub, reloadOverSocket } from './support/app-with-hub.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

/** An express app on its own server with the hub's middleware at `mount`, mounted before the app's own routes. */
async function appWithHub(mount: string): Promise<{ url: string; root: string; hub: Hub }> {
  const root = await tempRoot({ 'styles/main.css': '.a { color: red; }' });
  const app = express();
  const server = createServer(app);
  const hub = createHub({ root, server, logger: createLogger({ level: 'silent' }) });
  app.use(mount, hub.middleware());
  app.get('/', (_req, res) => void res.send('app home'));
  app.get('/status', (_req, res) => void res.send('app status'));
  app.get('/about', (_req, res) => void res.send('app about'));
  app.use((_req, res) => void res.status(404).send('app 404'));
  return { url: await listenWithHub(server, hub), root, hub };
}

describe('hub.middleware() in an express app', () => {
  it('at /: the app keeps its routes (/, /about, its 404), the hub answers its own', async () => {
    const { url } = await appWithHub('/');
    expect(await (await fetch(`${url}/`)).text()).toBe('app home');
    expect(await (await fetch(`${url}/about`)).text()).toBe('app about');
    const missing = await fetch(`${url}/nothing/here`);
    expect([missing.status, await missing.text()]).toEqual([404, 'app 404']);
    expect((await fetch(`${url}${CLIENT_SCRIPT_PATH}`)).headers.get('content-type')).toMatch(/javascript/);
    expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toContain('color: red');
    // A hub path the hub does not answer also falls through.
    expect(await (await fetch(`${url}/assets/nokind`)).text()).toBe('app 404');
  });

  it("at /: the app's own /config/… routes reach the app; only PATCH /config/<id> is the hub's", async () => {
    const root = await tempRoot({ 'config/app.json': '{ "level": 1 }' });
    const app = express();
    const server = createServer(app);
    const hub = createHub({ root, server, logger: createLogger({ level: 'silent' }) });
    app.use(hub.middleware());
    app.get('/config/app', (_req, res) => void res.send('app config page'));
    app.post('/config', (_req, res) => void res.send('app config saved'));
    app.patch('/config/app/theme', (_req, res) => void res.send('app theme patched'));
    app.use((_req, res) => void res.status(404).send('app 404'));
    const url = await listenWithHub(server, hub);
    expect(await (await fetch(`${url}/config/app`)).text()).toBe('app config page');
    expect(await (await fetch(`${url}/config`, { method: 'POST' })).text()).toBe('app config saved');
    expect(await (await fetch(`${url}/config/app/theme`, { method: 'PATCH' })).text()).toBe('app theme patched');
    expect(await (await fetch(`${url}/config/other`, { method: 'DELETE' })).text()).toBe('app 404');
    // The hub's route, and its CORS preflight, are still the hub's; the config serves on.
    const patch = await fetch(`${url}/config/app`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"level":2}' });
    expect(patch.status).toBe(200);
    expect(hub.config.get('app', 'level')).toBe(2);
    const preflight = await fetch(`${url}/config/app`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH' } });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, 'http://localhost:5173']);
  });

  it("at /: the hub's Host check, CORS and path fence never touch the app's routes", async () => {
    const { url } = await appWithHub('/');
    const foreign = await rawGet(url, '/about', { host: 'evil.test', origin: 'http://evil.test' });
    expect([foreign.status, foreign.body, foreign.headers['access-control-allow-origin']]).toEqual([200, 'app about', undefined]);
    expect((await rawGet(url, '/a/../about', { host: 'evil.test' })).status).not.toBe(403);
    // The same Host on a hub route is refused, as before.
    expect((await rawGet(url, CLIENT_SCRIPT_PATH, { host: 'evil.test' })).status).toBe(403);
  });

  it('at /hot: routes and the SDK agree on the mount; the socket connects at the server root', async () => {
    const { url, root } = await appWithHub('/hot');
    const script = await (await fetch(`${url}/hot${CLIENT_SCRIPT_PATH}`)).text();
    expect(script).toContain('%2Fhot');
    expect(await (await fetch(`${url}/hot/status`)).json()).toMatchObject({ mode: 'dev' });
    expect(await (await fetch(`${url}/status`)).text()).toBe('app status');
    expect(await reloadOverSocket(url, root)).toMatchObject({ kind: 'style', id: 'main.css' });
  });

  it('the page at /hothub/ under the mount: the tag with the URL the browser used, a strict CSP, no script', async () => {
    const { url } = await appWithHub('/hot');
    const res = await fetch(`${url}/hot/hothub/`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-/);
    expect(html).toContain(`&lt;script src=&quot;${url}/hot/hothub/client.js&quot;&gt;&lt;/script&gt;`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('href="/hot/status"');
  });
});

describe("a hub's own server", () => {
  it('answers / with its page (folders, tag, connected pages) when the root has no index.html, and a JSON 404 elsewhere', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a {}' });
    const hub = await startHub({ root });
    const html = await (await fetch(`${hub.url}/`)).text();
    expect(html).toContain(`${hub.url}/hothub/client.js`);
    expect(html).toContain(root);
    expect(html).toMatch(/Connected pages: <strong id="connections">0<\/strong>/);
    const missing = await fetch(`${hub.url}/nothing`);
    expect([missing.status, await missing.json()]).toEqual([404, { error: { code: 'not_found', message: 'no route for GET /nothing' } }]);
  });

  it('serves the root index.html at / when there is one (the demo app)', async () => {
    const root = await tempRoot({ 'index.html': '<h1>demo</h1>' });
    const hub = await startHub({ root });
    expect(await (await fetch(`${hub.url}/`)).text()).toBe('<h1>demo</h1>');
  });

  it('leaves folders out of its page with a token, as /status does', async () => {
    const root = await tempRoot();
    const hub = await startHub({ root, token: 'a-long-enough-secret-token' });
    const html = await (await fetch(`${hub.url}/`)).text();
    expect(html).not.toContain(root);
    expect(html).toContain('Folders are listed with the token');
  });
});

it('every route of the OpenAPI document is a hub path (so a mounted hub still answers it)', async () => {
  const hub = await startHub({ root: await tempRoot() });
  const { paths } = (await (await fetch(`${hub.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  for (const [path, methods] of Object.entries(paths)) {
    for (const method of Object.keys(methods)) expect(isHubPath(path, method), `${method} ${path}`).toBe(true);
  }
  expect(isHubPath('/about')).toBe(false);
  expect(isHubPath('/')).toBe(false);
});

it("stopping an attached hub keeps listeners the app added after it (Vite's close callback): the app's server still closes", async () => {
  const root = await tempRoot();
  const server = createServer();
  const hub = createHub({ root, server, logger: createLogger({ level: 'silent' }) });
  await hub.start();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await hub.stop();
  await closed;
  expect(server.listening).toBe(false);
});
