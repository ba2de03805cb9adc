import { describe, expect, it } from 'vitest';
import { expectError } from './support/api.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const preflight = (url: string, origin: string) =>
  fetch(`${url}/reload`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

describe('CORS', () => {
  it('with an allowlist: answers preflights from listed origins, refuses others, never a wildcard', async () => {
    const hub = await startHub({ root: await tempRoot(), corsOrigins: ['http://app.test:3000'], token: 'cors-token' });
    const ok = await preflight(hub.url!, 'http://app.test:3000');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test:3000');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(ok.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    await expectError(await preflight(hub.url!, 'http://evil.test'), 403, 'origin_not_allowed');
    const status = await fetch(`${hub.url}/status`, { headers: { origin: 'http://evil.test' } });
    expect(status.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('with a token and no allowlist: no cross-origin access to the API at all', async () => {
    const hub = await startHub({ root: await tempRoot(), token: 'cors-token' });
    await expectError(await preflight(hub.url!, 'http://app.test'), 403, 'origin_not_allowed');
    const status = await fetch(`${hub.url}/status`, { headers: { origin: 'http://app.test' } });
    expect(status.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('without token or allowlist (local dev): any origin, with a wildcard', async () => {
    const hub = await startHub({ root: await tempRoot() });
    const ok = await preflight(hub.url!, 'http://localhost:5173');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('keeps the SDK script and assets loadable from any page, whatever the policy', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/a.css': 'a{}' }), corsOrigins: ['http://app.test'], token: 'cors-token' });
    for (const path of ['/hothub/client.js', '/assets/style/a.css']) {
      const res = await fetch(`${hub.url}${path}`, { headers: { origin: 'http://elsewhere.test' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });
});
