import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertNotice, validate } from '@hothub/shared';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseCliArgs } from '../src/cli/args.js';
import { readSettingsEnv } from '../src/options/settings-env.js';
import { AlertWebhook } from '../src/ops/alert-webhook.js';
import { createLogger } from '../src/util/log.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

/** A local receiver: answers each POST with the next status of `statuses` (then 200) and keeps the notices. */
async function receiver(statuses: number[] = []) {
  const notices: AlertNotice[] = [];
  let requests = 0;
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const status = statuses[requests++] ?? 200;
    const parsed = validate(AlertNotice, JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (status === 200 && parsed.ok) notices.push(parsed.value);
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, notices, requests: () => requests };
}

describe('--alert-webhook', () => {
  it('POSTs an alert when it is raised and when it clears', async () => {
    const hook = await receiver();
    const root = await tempRoot({ 'styles/main.css': 'a { color: red; }\n' });
    // One failure in two reloads is over 40%; two more good ones bring it under.
    const hub = await startHub({ root, alertWebhook: hook.url, alerts: { failureRate: 0.4 } });
    const client = await connectClient(hub.url!);
    await write(root, 'styles/main.css', 'a { color: ');
    await eventually(() => expect(hook.notices).toEqual([expect.objectContaining({ state: 'raised', alert: expect.objectContaining({ name: 'failure_rate' }) })]));
    for (const color of ['blue', 'green']) {
      await write(root, 'styles/main.css', `a { color: ${color}; }\n`);
      await eventually(() => expect(client.reloaded.at(-1)?.content).toContain(color));
    }
    await eventually(() => expect(hook.notices.map((n) => `${n.state} ${n.alert.name}`)).toEqual(['raised failure_rate', 'cleared failure_rate']));
  });

  it('retries a notice the receiver refused, with backoff', async () => {
    const hook = await receiver([500, 503]);
    const webhook = new AlertWebhook(hook.url, createLogger({ level: 'silent' }), { firstRetryMs: 10 });
    onTestFinished(() => webhook.close());
    webhook.send({ state: 'raised', alert: { name: 'rollbacks', message: '4 rollbacks', value: 4, threshold: 3, since: 1 }, at: 1 });
    await eventually(() => expect(hook.notices).toHaveLength(1));
    expect(hook.requests()).toBe(3);
  });

  it('gives up after its attempts and says so; the queue is bounded', async () => {
    const hook = await receiver(Array.from({ length: 100 }, () => 500));
    const lines: string[] = [];
    const webhook = new AlertWebhook(hook.url, createLogger({ level: 'warn', write: (line) => void lines.push(line) }), { firstRetryMs: 1, attempts: 2, maxQueue: 2 });
    onTestFinished(() => webhook.close());
    const notice = (n: number): AlertNotice => ({ state: 'raised', alert: { name: 'rollbacks', message: `${n}`, value: n, threshold: 3, since: 1 }, at: n });
    for (const n of [1, 2, 3, 4]) webhook.send(notice(n));
    await eventually(() => expect(lines.filter((l) => l.includes('did not take alert'))).toHaveLength(3));
    expect(lines.some((l) => l.includes('is behind'))).toBe(true);
    expect(hook.requests()).toBe(6);
  });

  it('refuses a URL that is not http(s), naming the setting; an unreachable receiver leaves the hub serving', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: red; }\n' });
    expect(() => readSettingsEnv({ HOTHUB_ALERT_WEBHOOK: 'ftp://example.com/x' })).toThrow(/alertWebhook/);
    expect(() => parseCliArgs(['--alert-webhook', 'not a url'])).toThrow(/alert-webhook/);
    const hub = await startHub({ root, alertWebhook: 'http://127.0.0.1:9/unreachable', alerts: { failureRate: 0 } });
    const client = await connectClient(hub.url!);
    await write(root, 'styles/main.css', 'a { color: ');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red; }\n');
    expect((await fetch(`${hub.url}/status`)).status).toBe(200);
  });
});
