import { ReloadResult } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { expectError, json, post, snapshot } from './support/api.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const TOKEN = 'test-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

async function hubWithSheets(options: Parameters<typeof startHub>[0] = {}) {
  const root = await tempRoot({ 'styles/main.css': 'a { color: red }', 'styles/pages/home.css': 'b{}' });
  const hub = await startHub({ root, ...options });
  return { root, hub, reload: (body: unknown, headers: Record<string, string> = {}) => post(`${hub.url}/reload`, body, headers) };
}

/** The last good sheet still serves and nothing was reloaded. */
async function expectUnchanged(hub: Awaited<ReturnType<typeof startHub>>, before: ReturnType<typeof snapshot>) {
  expect(snapshot(hub)).toEqual(before);
  expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red }');
}

describe('POST /reload', () => {
  it('reloads everything with trigger api, even unchanged content, and answers with the events', async () => {
    const { hub, reload } = await hubWithSheets();
    const result = await json(await reload({ target: 'all' }), ReloadResult);
    expect(result.target).toBe('all');
    expect(result.events.map((e) => [e.name, e.payload.id, e.payload.trigger])).toEqual([
      ['reloaded', 'main.css', 'api'],
      ['reloaded', 'pages/home.css', 'api'],
    ]);
    expect(result.events.at(-1)!.payload.seq).toBe(hub.seq);
  });

  it('reloads one kind, or one artifact by <kind>/<id>', async () => {
    const { reload } = await hubWithSheets();
    const kind = await json(await reload({ target: 'style' }), ReloadResult);
    expect(kind.events).toHaveLength(2);
    const one = await json(await reload({ target: 'style/pages/home.css' }), ReloadResult);
    expect(one.events.map((e) => e.payload.id)).toEqual(['pages/home.css']);
  });

  it('answers 404 for unknown kinds and artifacts, and changes nothing', async () => {
    const { hub, reload } = await hubWithSheets();
    const before = snapshot(hub);
    for (const target of ['nope', 'style/missing.css', 'styles/main.css', 'style/../secret.css', '/etc/passwd', 'style/']) {
      const error = await expectError(await reload({ target }), 404, 'unknown_target');
      expect(error.error.details).toEqual({ target });
    }
    await expectUnchanged(hub, before);
  });

  it('answers 400 for malformed JSON and for bodies failing the schema, naming the path', async () => {
    const { hub, reload } = await hubWithSheets();
    const before = snapshot(hub);
    await expectError(await reload('{"target": '), 400, 'malformed_json');
    const wrongType = await expectError(await reload({ target: 42 }), 400, 'invalid_body');
    expect(wrongType.error.details).toEqual([expect.objectContaining({ path: 'target' })]);
    await expectError(await reload({}), 400, 'invalid_body');
    await expectError(await reload({ target: 'all', extra: 1 }), 400, 'invalid_body');
    await expectError(await reload([]), 400, 'invalid_body');
    await expectError(await reload({ target: '' }), 400, 'invalid_body');
    await expectUnchanged(hub, before);
  });

  it('answers 415 for a body that is not JSON, 413 over 1 MB, 405 for other methods', async () => {
    const { hub, reload } = await hubWithSheets();
    const before = snapshot(hub);
    await expectError(await reload('target=all', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    await expectError(await reload('all', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    await expectError(await reload({ target: 'x'.repeat(1024 * 1024 + 10) }), 413, 'body_too_large');
    const get = await fetch(`${hub.url}/reload`);
    await expectError(get, 405, 'method_not_allowed');
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    await expectError(await fetch(`${hub.url}/reload`, { method: 'DELETE' }), 405, 'method_not_allowed');
    await expectUnchanged(hub, before);
  });

  it('with a token: 401 without it, 403 with a wrong one, 200 with it', async () => {
    const { hub, reload } = await hubWithSheets({ token: TOKEN });
    const before = snapshot(hub);
    const missing = await reload({ target: 'all' });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectError(missing, 401, 'unauthorized');
    await expectError(await reload({ target: 'all' }, { authorization: 'Basic dXNlcjpwdw==' }), 401, 'unauthorized');
    await expectError(await reload({ target: 'all' }, { authorization: `Bearer ${TOKEN}x` }), 403, 'forbidden');
    await expectError(await reload({ target: 'all' }, { authorization: 'Bearer short' }), 403, 'forbidden');
    // Unauthenticated malformed bodies are refused before they are read.
    await expectError(await reload('{', {}), 401, 'unauthorized');
    await expectUnchanged(hub, before);
    const ok = await json(await reload({ target: 'style' }, auth), ReloadResult);
    expect(ok.events).toHaveLength(2);
  });

  it('answers 429 with Retry-After once a client exceeds the rate limit, and changes nothing', async () => {
    const { hub, reload } = await hubWithSheets({ rateLimit: { max: 2, windowS: 60 } });
    expect((await reload({ target: 'style/main.css' })).status).toBe(200);
    expect((await reload({ target: 'style/main.css' })).status).toBe(200);
    const before = snapshot(hub);
    const limited = await reload({ target: 'style/main.css' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectError(limited, 429, 'rate_limited');
    await expectUnchanged(hub, before);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  });
});
