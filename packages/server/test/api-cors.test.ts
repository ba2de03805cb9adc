import { describe, expect, it } from 'vitest';
import { expectError } from './support/api.js';
import { rawGet } from './support/raw-http.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const preflight = (url: string, origin: string, path = '/reload') =>
  fetch(`${url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

const FOREIGN = 'http://evil.example';
const LOOPBACK = ['http://localhost:5173', 'http://127.0.0.1:1234', 'http://[::1]:3000', 'https://localhost'];

describe('CORS: loopback pages, the hub’s own origin and --cors-origin values only', () => {
  it('gives a foreign origin no grant on assets, themes, components or the API, and a 403 on preflight', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': 'a{}', 'themes/dark.json': '{"color":"#000"}', 'components/c.js': 'export default {}' }) });
    for (const path of ['/assets/style/main.css', '/assets/theme/dark.json', '/assets/component/c.js', '/status']) {
      const res = await fetch(`${hub.url}${path}`, { headers: { origin: FOREIGN } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(res.headers.get('vary'), path).toMatch(/Origin/);
    }
    const refused = await expectError(await preflight(hub.url!, FOREIGN), 403, 'origin_not_allowed');
    expect(refused.error.message).toContain(`--cors-origin ${FOREIGN}`);
    await expectError(await preflight(hub.url!, FOREIGN, '/assets/style/main.css'), 403, 'origin_not_allowed');
    expect((await fetch(`${hub.url}/assets/style/main.css`)).status).toBe(200);
  });

  it('grants loopback pages on any port their own origin (never a wildcard), with or without a token', async () => {
    for (const token of [undefined, 'cors-token']) {
      const hub = await startHub({ root: await tempRoot({ 'styles/main.css': 'a{}' }), ...(token ? { token } : {}) });
      for (const origin of LOOPBACK) {
        const asset = await fetch(`${hub.url}/assets/style/main.css`, { headers: { origin } });
        expect(asset.headers.get('access-control-allow-origin'), origin).toBe(origin);
        const ok = await preflight(hub.url!, origin);
        expect(ok.status, origin).toBe(204);
        expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
        expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
        expect(ok.headers.get('access-control-allow-methods')).toMatch(/POST/);
      }
    }
  });

  it('--cors-origin adds an origin; look-alikes of loopback stay foreign', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': 'a{}' }), corsOrigins: ['http://app.test:3000'] });
    const ok = await preflight(hub.url!, 'http://app.test:3000');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test:3000');
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    for (const origin of ['http://app.test:3001', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example', 'null', 'file://']) {
      await expectError(await preflight(hub.url!, origin), 403, 'origin_not_allowed');
    }
  });

  it('allows the hub’s own origin (same host as an allowed Host), and no other page of that host’s other ports', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': 'a{}' }), allowedHosts: ['hub.example'] });
    const host = `hub.example:${new URL(hub.url!).port}`;
    const own = await rawGet(hub.url!, '/assets/style/main.css', { host, origin: `http://${host}` });
    expect(own.headers['access-control-allow-origin']).toBe(`http://${host}`);
    const otherPort = await rawGet(hub.url!, '/assets/style/main.css', { host, origin: 'http://hub.example:1' });
    expect(otherPort.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps the SDK scripts loadable from any page: they hold no project data', async () => {
    const hub = await startHub({ root: await tempRoot() });
    for (const path of ['/hothub/client.js', '/hothub/client.mjs']) {
      const res = await fetch(`${hub.url}${path}`, { headers: { origin: FOREIGN } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });
});
