import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthReport, HubStatus } from '@hothub/shared';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { HubOptions } from '../src/index.js';
import { createLogger } from '../src/util/log.js';
import { json } from './support/api.js';
import { startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot } from './support/temp-root.js';

/** A hub checking every 50 ms whose log lines a test reads. */
async function monitoredHub(options: HubOptions = {}) {
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => void logs.push(line) });
  const hub = await startHub({ root: await tempRoot({ 'styles/a.css': 'a{}' }), healthInterval: 0.05, logger, ...options });
  const health = async () => json(await fetch(`${hub.url}/health`), HealthReport);
  const status = async () => json(await fetch(`${hub.url}/status`), HubStatus);
  return { hub, logs, health, status };
}

/** A local app whose every request waits until the test ends: the slow app a probe must notice. */
async function hangingApp(): Promise<string> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('health monitor', () => {
  it('raises the health_checks alert when a check starts failing and clears it when it recovers, without any request to /health', async () => {
    const { hub, logs, status } = await monitoredHub();
    let up = false;
    hub.healthChecks.add('db', () => up || Promise.reject(new Error('connection refused')));
    await eventually(async () => expect((await status()).alerts).toContainEqual(expect.objectContaining({ name: 'health_checks', message: 'failing: app:db' })));
    expect(logs.join('\n')).toContain('app:db is failing: connection refused');
    up = true;
    await eventually(async () => expect((await status()).alerts.map((alert) => alert.name)).not.toContain('health_checks'));
    expect(logs.join('\n')).toContain('health check app:db recovered');
  });

  it('says when the checks ran', async () => {
    const { health } = await monitoredHub();
    const before = Date.now();
    const report = await health();
    expect(report.checkedAt).toBeGreaterThanOrEqual(before);
  });
});

describe('built-in checks', () => {
  it('memory fails above 90% of a budget set below current use, naming the setting to raise', async () => {
    const { health } = await monitoredHub({ memoryBudget: 1 });
    const report = await health();
    expect(report.status).toBe('fail');
    expect(report.checks.memory).toEqual({ ok: false, message: expect.stringMatching(/^(heap|RSS) \d+ MB is above 90% of --memory-budget \(1 MB\)/) });
    expect(report.checks.eventLoop).toEqual({ ok: true });
  });

  it('memory passes under the default limit (90% of V8 heap limit)', async () => {
    const { health } = await monitoredHub();
    expect((await health()).checks.memory).toEqual({ ok: true });
  });

  it('disk fails when less is free than the limit', async () => {
    const { health } = await monitoredHub({ healthLimits: { diskFreeMb: 1e12 } });
    expect((await health()).checks.disk).toEqual({ ok: false, message: expect.stringMatching(/MB free under .*, below 1000000000000 MB/) });
  });

  it('eventLoop fails after the loop was blocked longer than the limit', async () => {
    const { logs } = await monitoredHub({ healthLimits: { eventLoopLagMs: 30 } });
    const until = performance.now() + 300;
    while (performance.now() < until); // blocks the loop on purpose: the lag the check must see
    await eventually(() => expect(logs.join('\n')).toMatch(/eventLoop is failing: the event loop was blocked \d+(\.\d)? ms, above 30 ms/));
  });

  it('probe fails when the app answers slower than its timeout, and passes when it answers', async () => {
    const slow = await monitoredHub({ probe: await hangingApp(), healthLimits: { probeTimeoutMs: 200 } });
    const report = await slow.health();
    expect(report.checks.probe).toEqual({ ok: false, message: expect.stringMatching(/did not answer within 200 ms$/) });
    const fast = await monitoredHub();
    const up = await monitoredHub({ probe: `${fast.hub.url}/status` });
    expect((await up.health()).checks.probe).toEqual({ ok: true });
  });

  it('probe fails on a 404, naming the status', async () => {
    const app = await monitoredHub();
    const { health } = await monitoredHub({ probe: `${app.hub.url}/no-such-page` });
    expect((await health()).checks.probe).toEqual({ ok: false, message: expect.stringMatching(/no-such-page answered 404 in [\d.]+ ms/) });
  });
});
