import { describe, expect, it } from 'vitest';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

describe('GET /hothub/console', () => {
  it('serves the console page, its script and its sheet under a CSP without inline code', async () => {
    const hub = await startHub({ root: await tempRoot() });
    const page = await fetch(`${hub.url}/hothub/console`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/hothub/console/console.js">');
    expect(html).not.toMatch(/<script>|<style>/);
    const script = await fetch(`${hub.url}/hothub/console/console.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await script.text()).length).toBeGreaterThan(1000);
    expect((await fetch(`${hub.url}/hothub/console/console.css`)).status).toBe(200);
  });

  it('serves nothing else under its path: other names and climbing paths are 404s, and the hub still answers', async () => {
    const hub = await startHub({ root: await tempRoot() });
    for (const path of ['/hothub/console/index.html', '/hothub/console/..%2Fpackage.json', '/hothub/console/console.js.map']) {
      expect((await fetch(`${hub.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${hub.url}/hothub/console`)).status).toBe(200);
  });
});
