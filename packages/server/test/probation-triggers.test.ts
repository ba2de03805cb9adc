import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthReport } from '@hothub/shared';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Hub, HubOptions } from '../src/index.js';
import { json } from './support/api.js';
import { connectClient, startHub } from './support/hub.js';
import { answerOf, failure, pluginSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const MB = 1024 * 1024;

/**
 * A hub with plugin `search` at v1 whose checks ran once (`GET /health`, all passing). With a one-hour
 * `--health-interval` the monitor runs again only once a version is on probation (every second then), so
 * no run can record the new version's failure before its commit: the failure counts against it.
 */
async function pluginHub(options: HubOptions) {
  const root = await tempRoot({ 'plugins/search.js': pluginSource('v1') });
  const hub = await startHub({ root, healthInterval: 3600, probation: 30, ...options });
  const client = await connectClient(hub.url!);
  const health = async () => json(await fetch(`${hub.url}/health`), HealthReport);
  expect(await health()).toMatchObject({ status: 'ok' });
  return { root, hub, client, health };
}

/**
 * The app `--probe` fetches: it answers 200 while `ill()` is false; while it is true it answers like `ill`
 * says: holds the request (released when the test ends) or sends a 503.
 */
async function probedApp(ill: () => false | 'slow' | 'error'): Promise<string> {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => {
    const state = ill();
    if (state === 'slow') held.push(res);
    else res.writeHead(state === 'error' ? 503 : 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    for (const res of held) res.end();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
}

describe('probation: the built-in checks as rollback triggers (issue 16)', () => {
  it('rolls back a plugin version that pushes memory over --memory-budget (reason memory); the previous version serves again', async () => {
    // 90% of the budget sits 200 MB above what this process uses now; v2 retains (and writes to, so it is
    // resident) 100 MB more than what is left under it at its save.
    const used = () => Math.max(process.memoryUsage().rss, process.memoryUsage().heapUsed);
    const limit = used() + 200 * MB;
    const { root, hub, client } = await pluginHub({ memoryBudget: limit / 0.9 / MB });
    const bytes = Math.round(limit - used() + 100 * MB);
    const retains = { initialize: `this.retained = new Uint8Array(${bytes}).fill(1);`, cleanup: 'this.retained = undefined;' };
    await write(root, 'plugins/search.js', pluginSource('v2', retains));
    const failed = await eventually(() => {
      const found = client.failed.find((event) => event.reason !== undefined);
      expect(found, JSON.stringify({ failed: client.failed, reloaded: client.reloaded.length, answer: answerOf(hub.plugins, 'search'), bytes, limit, mem: process.memoryUsage() })).toBeDefined();
      return found!;
    }, 15_000);
    expect(failed).toMatchObject({ kind: 'plugin', id: 'search', trigger: 'runtime', rolledBack: true, reason: 'memory' });
    expect(failed.error.message).toMatch(/plugin\/search was rolled back on probation: memory: (heap|RSS) \d+ MB is above 90% of --memory-budget/);
    expect(client.reloaded.map((event) => event.id)).toContain('search');
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
  });

  it.each([
    ['answers slower than its timeout', 'slow', /did not answer within 200 ms/],
    ['answers 503', 'error', /answered 503/],
  ] as const)('rolls back a plugin version after which the --probe app %s (reason probe); the previous version serves again', async (_, state, why) => {
    let hub: Hub | undefined;
    const probe = await probedApp(() => hub !== undefined && answerOf(hub.plugins, 'search') === 'v2' && state);
    const started = await pluginHub({ probe, healthLimits: { probeTimeoutMs: 200 } });
    hub = started.hub;
    const { root, client, health } = started;
    await write(root, 'plugins/search.js', pluginSource('v2'));
    const failed = await failure(client, (event) => event.reason !== undefined);
    expect(failed).toMatchObject({ kind: 'plugin', id: 'search', trigger: 'runtime', rolledBack: true, reason: 'probe' });
    expect(failed.error.message).toMatch(why);
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
    // The app answers again with the previous version back.
    await eventually(async () => expect((await health()).checks.probe).toEqual({ ok: true }));
  });
});
