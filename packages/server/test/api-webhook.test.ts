import { ReloadResult } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { expectError, json, post, sign, snapshot } from './support/api.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const SECRET = 'webhook-secret-for-tests';

async function webhookHub(options: Parameters<typeof startHub>[0] = {}) {
  const root = await tempRoot({ 'styles/main.css': 'a { color: red }', 'styles/other.css': 'b{}' });
  const hub = await startHub({ root, webhookSecret: SECRET, token: 'bearer-not-needed-here', ...options });
  const hook = (body: string, headers: Record<string, string> = {}) => post(`${hub.url}/webhook`, body, headers);
  const expectUnchanged = async (before: ReturnType<typeof snapshot>) => {
    expect(snapshot(hub)).toEqual(before);
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red }');
  };
  return { hub, hook, expectUnchanged };
}

describe('POST /webhook', () => {
  it('reloads the target with trigger webhook when the body is signed, without a bearer token', async () => {
    const { hook } = await webhookHub();
    const body = JSON.stringify({ target: 'style/main.css' });
    const result = await json(await hook(body, { 'x-hothub-signature': sign(SECRET, body) }), ReloadResult);
    expect(result.events.map((e) => [e.name, e.payload.id, e.payload.trigger])).toEqual([['reloaded', 'main.css', 'webhook']]);
  });

  it('reloads everything for a signed empty body or a foreign payload without target', async () => {
    const { hook } = await webhookHub();
    const empty = await json(await hook('', { 'x-hothub-signature': sign(SECRET, '') }), ReloadResult);
    expect(empty).toMatchObject({ target: 'all', events: [{}, {}] });
    const push = JSON.stringify({ ref: 'refs/heads/main', commits: [{ id: 'abc' }] });
    const pushed = await json(await hook(push, { 'x-hothub-signature': sign(SECRET, push) }), ReloadResult);
    expect(pushed.events).toHaveLength(2);
  });

  it('answers 401 for a missing or bad signature and changes nothing', async () => {
    const { hub, hook, expectUnchanged } = await webhookHub();
    const before = snapshot(hub);
    const body = JSON.stringify({ target: 'all' });
    await expectError(await hook(body), 401, 'signature_missing');
    await expectError(await hook(body, { 'x-hothub-signature': sign('wrong-secret', body) }), 401, 'signature_invalid');
    await expectError(await hook(body, { 'x-hothub-signature': sign(SECRET, `${body} `) }), 401, 'signature_invalid');
    await expectError(await hook(body, { 'x-hothub-signature': sign(SECRET, body).replace('sha256=', '') }), 401, 'signature_invalid');
    await expectError(await hook(body, { 'x-hothub-signature': 'sha256=' }), 401, 'signature_invalid');
    // The bearer token is not a webhook credential.
    await expectError(await hook(body, { authorization: 'Bearer bearer-not-needed-here' }), 401, 'signature_missing');
    await expectUnchanged(before);
  });

  it('answers 400, 404, 413 and 415 for signed but bad requests, and changes nothing', async () => {
    const { hub, hook, expectUnchanged } = await webhookHub();
    const before = snapshot(hub);
    const signed = (body: string, headers: Record<string, string> = {}) => hook(body, { 'x-hothub-signature': sign(SECRET, body), ...headers });
    await expectError(await signed('{"target":'), 400, 'malformed_json');
    await expectError(await signed('{"target": 7}'), 400, 'invalid_body');
    await expectError(await signed('{"target": "style/nope.css"}'), 404, 'unknown_target');
    await expectError(await signed('target=all', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    const huge = JSON.stringify({ target: 'x'.repeat(1024 * 1024) });
    await expectError(await signed(huge), 413, 'body_too_large');
    await expectError(await fetch(`${hub.url}/webhook`), 405, 'method_not_allowed');
    await expectUnchanged(before);
  });

  it('answers 404 webhook_disabled when no secret is set', async () => {
    const { hub, hook, expectUnchanged } = await webhookHub({ webhookSecret: undefined });
    const before = snapshot(hub);
    await expectError(await hook('{}', { 'x-hothub-signature': sign('', '{}') }), 404, 'webhook_disabled');
    await expectUnchanged(before);
  });
});
