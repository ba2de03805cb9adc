import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { ReloadHistory, ReloadResult, validate, WebhookSkipped } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { expectError, json, post, snapshot } from './support/api.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';
import { githubHeaders, githubPush, standardHeaders, unixNow } from './support/webhook.js';

const SECRET = 'webhook-secret-for-tests';
/** A secret as Standard Webhooks senders generate it: 24 random bytes, base64. */
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function webhookHub(options: Parameters<typeof startHub>[0] = {}) {
  const root = await tempRoot({ 'styles/main.css': 'a { color: red }', 'styles/other.css': 'b{}' });
  const token = 'bearer-not-needed-here';
  const hub = await startHub({ root, webhookSecret: SECRET, token, ...options });
  const hook = (body: string, headers: Record<string, string> = {}) => post(`${hub.url}/webhook`, body, headers);
  const history = () => fetch(`${hub.url}/reload/history?trigger=webhook`, { headers: { authorization: `Bearer ${token}` } });
  const webhookEvents = async () => (await json(await history(), ReloadHistory)).events.length;
  const expectUnchanged = async (before: ReturnType<typeof snapshot>) => {
    expect(snapshot(hub)).toEqual(before);
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red }');
  };
  return { hub, hook, webhookEvents, expectUnchanged };
}

describe('POST /webhook, Standard Webhooks', () => {
  it('reloads the target with trigger webhook when the delivery is signed, without a bearer token', async () => {
    const { hook } = await webhookHub();
    const body = JSON.stringify({ target: 'style/main.css' });
    const result = await json(await hook(body, standardHeaders(SECRET, body)), ReloadResult);
    expect(result.events.map((e) => [e.name, e.payload.id, e.payload.trigger])).toEqual([['reloaded', 'main.css', 'webhook']]);
  });

  it('reloads everything for a signed empty body or a foreign payload without target', async () => {
    const { hook } = await webhookHub();
    const empty = await json(await hook('', standardHeaders(SECRET, '')), ReloadResult);
    expect(empty).toMatchObject({ target: 'all', events: [{}, {}] });
    const foreign = JSON.stringify({ ref: 'refs/heads/main', commits: [{ id: 'abc' }] });
    expect((await json(await hook(foreign, standardHeaders(SECRET, foreign)), ReloadResult)).events).toHaveLength(2);
  });

  it('refuses a replayed delivery with 409 webhook_replayed, even signed afresh at another time', async () => {
    const { hub, hook, webhookEvents } = await webhookHub();
    const body = JSON.stringify({ target: 'style' });
    const headers = standardHeaders(SECRET, body, { id: 'msg_replayed' });
    await json(await hook(body, headers), ReloadResult);
    const seq = hub.seq;
    const replay = await expectError(await hook(body, headers), 409, 'webhook_replayed');
    expect(replay.error.message).toContain('msg_replayed');
    await expectError(await hook(body, standardHeaders(SECRET, body, { id: 'msg_replayed', timestamp: unixNow(-60) })), 409, 'webhook_replayed');
    expect(hub.seq).toBe(seq);
    expect(await webhookEvents()).toBe(2);
  });

  it('refuses a timestamp 6 minutes in the past or the future, naming the allowed skew', async () => {
    const { hub, hook, webhookEvents, expectUnchanged } = await webhookHub();
    const before = snapshot(hub);
    const body = JSON.stringify({ target: 'all' });
    const stale = await expectError(await hook(body, standardHeaders(SECRET, body, { timestamp: unixNow(-360) })), 401, 'webhook_timestamp_out_of_range');
    expect(stale.error.message).toMatch(/in the past; at most 300 s either way/);
    const future = await expectError(await hook(body, standardHeaders(SECRET, body, { timestamp: unixNow(360) })), 401, 'webhook_timestamp_out_of_range');
    expect(future.error.message).toMatch(/in the future; at most 300 s either way/);
    await expectUnchanged(before);
    expect(await webhookEvents()).toBe(0);
  });

  it('keys a whsec_ secret by its base64-decoded bytes', async () => {
    const { hook } = await webhookHub({ webhookSecret: WHSEC });
    const body = JSON.stringify({ target: 'style/other.css' });
    expect((await json(await hook(body, standardHeaders(WHSEC, body)), ReloadResult)).events).toHaveLength(1);
    // Keyed by the secret's text instead of its decoded bytes: not ours.
    const headers = standardHeaders(WHSEC, body);
    const byText = createHmac('sha256', WHSEC).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64');
    await expectError(await hook(body, { ...headers, 'webhook-signature': `v1,${byText}` }), 401, 'signature_invalid');
  });

  it('accepts a header carrying several signatures when one matches (key rotation)', async () => {
    const { hook } = await webhookHub();
    const body = JSON.stringify({ target: 'style/main.css' });
    const headers = standardHeaders(SECRET, body);
    const old = standardHeaders('the-previous-secret', body, { id: headers['webhook-id'], timestamp: Number(headers['webhook-timestamp']) });
    const both = { ...headers, 'webhook-signature': `${old['webhook-signature']} ${headers['webhook-signature']}` };
    expect((await json(await hook(body, both), ReloadResult)).events).toHaveLength(1);
  });

  it('answers 401 for a missing, partial or wrong signature, and for the removed X-Hothub-Signature', async () => {
    const { hub, hook, webhookEvents, expectUnchanged } = await webhookHub();
    const before = snapshot(hub);
    const body = JSON.stringify({ target: 'all' });
    const good = standardHeaders(SECRET, body);
    const missing = await expectError(await hook(body), 401, 'signature_missing');
    expect(missing.error.message).toMatch(/webhook-id, webhook-timestamp and webhook-signature.*X-Hub-Signature-256/);
    await expectError(await hook(body, { 'webhook-id': good['webhook-id'], 'webhook-signature': good['webhook-signature'] }), 401, 'signature_missing');
    await expectError(await hook(body, { ...good, 'webhook-timestamp': 'yesterday' }), 401, 'signature_missing');
    await expectError(await hook(body, standardHeaders('wrong-secret', body)), 401, 'signature_invalid');
    await expectError(await hook(`${body} `, good), 401, 'signature_invalid');
    await expectError(await hook(body, { ...good, 'webhook-id': 'msg_other' }), 401, 'signature_invalid');
    await expectError(await hook(body, { ...good, 'webhook-timestamp': String(Number(good['webhook-timestamp']) + 1) }), 401, 'signature_invalid');
    await expectError(await hook(body, { ...good, 'webhook-signature': good['webhook-signature'].replace('v1,', 'v2,') }), 401, 'signature_invalid');
    // The old body-only scheme: a captured request stayed valid forever.
    const oldSignature = githubHeaders(SECRET, body, 'push')['x-hub-signature-256'];
    const removed = await expectError(await hook(body, { 'x-hothub-signature': oldSignature }), 401, 'signature_scheme_removed');
    expect(removed.error.message).toMatch(/replayed forever.*webhook-id, webhook-timestamp and webhook-signature/);
    // The bearer token is not a webhook credential.
    await expectError(await hook(body, { authorization: 'Bearer bearer-not-needed-here' }), 401, 'signature_missing');
    await expectUnchanged(before);
    expect(await webhookEvents()).toBe(0);
  });

  it('answers 400, 404, 413 and 415 for signed but bad requests, and changes nothing', async () => {
    const { hub, hook, expectUnchanged } = await webhookHub();
    const before = snapshot(hub);
    const signed = (body: string, headers: Record<string, string> = {}) => hook(body, { ...standardHeaders(SECRET, body), ...headers });
    await expectError(await signed('{"target":'), 400, 'malformed_json');
    await expectError(await signed('{"target": 7}'), 400, 'invalid_body');
    await expectError(await signed('{"target": "style/nope.css"}'), 404, 'unknown_target');
    await expectError(await signed('target=all', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    const huge = JSON.stringify({ target: 'x'.repeat(1024 * 1024) });
    await expectError(await signed(huge), 413, 'body_too_large');
    await expectError(await fetch(`${hub.url}/webhook`), 405, 'method_not_allowed');
    await expectUnchanged(before);
  });

  it('lets the sender retry a delivery whose target was unknown, with the same id', async () => {
    const { hook } = await webhookHub();
    const body = JSON.stringify({ target: 'style/main.css' });
    const unknown = JSON.stringify({ target: 'style/nope.css' });
    const first = standardHeaders(SECRET, unknown, { id: 'msg_retry' });
    await expectError(await hook(unknown, first), 404, 'unknown_target');
    expect((await json(await hook(body, standardHeaders(SECRET, body, { id: 'msg_retry' })), ReloadResult)).events).toHaveLength(1);
  });

  it('accepts a delivery signed by the shell recipe of docs/operations.md, for a whsec_ and a plain secret', async () => {
    const doc = await readFile(new URL('../../../docs/operations.md', import.meta.url), 'utf8');
    const recipe = /## Webhook\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(recipe).toContain('webhook-signature: v1,$SIG');
    for (const secret of [WHSEC, SECRET]) {
      const { hub } = await webhookHub({ webhookSecret: secret });
      const { stdout } = await promisify(execFile)('sh', ['-c', recipe ?? ''], { env: { ...process.env, HUB: hub.url, HOTHUB_WEBHOOK_SECRET: secret } });
      const answer = validate(ReloadResult, JSON.parse(stdout), 'curl answer');
      expect(answer).toMatchObject({ ok: true, value: { target: 'style', events: [{ name: 'reloaded' }, { name: 'reloaded' }] } });
    }
  });

  it('answers 404 webhook_disabled when no secret is set', async () => {
    const { hub, hook, expectUnchanged } = await webhookHub({ webhookSecret: undefined });
    const before = snapshot(hub);
    await expectError(await hook('{}', standardHeaders('', '{}')), 404, 'webhook_disabled');
    await expectUnchanged(before);
  });
});

describe('POST /webhook, GitHub', () => {
  it('reloads everything on a push signed with X-Hub-Signature-256, and refuses its replay', async () => {
    const { hub, hook, webhookEvents } = await webhookHub();
    const body = githubPush();
    const headers = githubHeaders(SECRET, body, 'push');
    const result = await json(await hook(body, headers), ReloadResult);
    expect(result).toMatchObject({ target: 'all', events: [{}, {}] });
    const seq = hub.seq;
    const replay = await expectError(await hook(body, headers), 409, 'webhook_replayed');
    expect(replay.error.message).toContain(headers['x-github-delivery']);
    expect(hub.seq).toBe(seq);
    expect(await webhookEvents()).toBe(2);
  });

  it('refuses a push older than 5 minutes by repository.pushed_at, under a new delivery id', async () => {
    const { hub, hook, webhookEvents, expectUnchanged } = await webhookHub();
    const before = snapshot(hub);
    const body = githubPush(unixNow(-360));
    const stale = await expectError(await hook(body, githubHeaders(SECRET, body, 'push')), 401, 'webhook_timestamp_out_of_range');
    expect(stale.error.message).toMatch(/^repository\.pushed_at \d+ is 36\d s in the past/);
    await expectUnchanged(before);
    expect(await webhookEvents()).toBe(0);
  });

  it('answers a ping (and any event but push) with 200 skipped and reloads nothing', async () => {
    const { hub, hook, webhookEvents, expectUnchanged } = await webhookHub();
    const before = snapshot(hub);
    const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    expect(await json(await hook(ping, githubHeaders(SECRET, ping, 'ping')), WebhookSkipped)).toEqual({ skipped: 'GitHub event ping: only push reloads' });
    const issue = JSON.stringify({ action: 'opened' });
    expect((await json(await hook(issue, githubHeaders(SECRET, issue, 'issues')), WebhookSkipped)).skipped).toContain('issues');
    await expectUnchanged(before);
    expect(await webhookEvents()).toBe(0);
  });

  it('answers 401 for a wrong GitHub signature or a missing delivery id, 400 for a push without pushed_at', async () => {
    const { hub, hook, webhookEvents, expectUnchanged } = await webhookHub();
    const before = snapshot(hub);
    const body = githubPush();
    await expectError(await hook(body, githubHeaders('wrong-secret', body, 'push')), 401, 'signature_invalid');
    const { 'x-github-delivery': _id, ...noDelivery } = githubHeaders(SECRET, body, 'push');
    await expectError(await hook(body, noDelivery), 401, 'signature_missing');
    const undated = JSON.stringify({ ref: 'refs/heads/main', repository: {} });
    await expectError(await hook(undated, githubHeaders(SECRET, undated, 'push')), 400, 'invalid_body');
    await expectUnchanged(before);
    expect(await webhookEvents()).toBe(0);
  });
});
