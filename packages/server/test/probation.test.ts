import { describe, expect, it } from 'vitest';
import type { HubOptions } from '../src/index.js';
import { connectClient, startHub } from './support/hub.js';
import { answerOf, failure, pluginSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

/** A hub checking every 50 ms, with `config/app.json` at `{ "mode": "a" }` and plugin `search` at v1. */
async function watchedHub(options: HubOptions = {}) {
  const root = await tempRoot({ 'config/app.json': '{ "mode": "a" }', 'plugins/search.js': pluginSource('v1') });
  const hub = await startHub({ root, healthInterval: 0.05, probation: 30, pluginTimeout: 1000, ...options });
  const client = await connectClient(hub.url!);
  const mode = () => (hub.config.get('app') as { mode?: string } | undefined)?.mode;
  return { root, hub, client, mode };
}

/** An app check that fails while `broken()` says so, counting its runs. */
function countedCheck(broken: () => boolean) {
  const check = {
    runs: 0,
    fn: () => {
      check.runs++;
      return !broken();
    },
  };
  return check;
}

describe('probation', () => {
  it('rolls back a plugin whose getStatus() turns unhealthy one second after its swap; the previous version serves again', async () => {
    const { root, hub, client } = await watchedHub();
    const unhealthyAfterOneSecond = {
      initialize: 'this.swappedAt = Date.now();',
      getStatus: "return Date.now() - this.swappedAt > 1000 ? { healthy: false, message: 'index lost' } : { healthy: true };",
    };
    await write(root, 'plugins/search.js', pluginSource('v2', unhealthyAfterOneSecond));
    await eventually(() => expect(answerOf(hub.plugins, 'search')).toBe('v2'));
    const failed = await failure(client, (event) => event.reason !== undefined);
    expect(failed).toMatchObject({ kind: 'plugin', id: 'search', trigger: 'runtime', rolledBack: true, reason: 'health:plugin/search' });
    expect(failed.error.message).toMatch(/plugin\/search was rolled back on probation: health:plugin\/search: plugin search reports itself unhealthy: index lost/);
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
  });

  it('rolls back the latest commit when a check of the app starts failing after it, with reason health:<check>', async () => {
    const { root, hub, client, mode } = await watchedHub();
    let degraded = false;
    hub.healthChecks.add('api', () => !(degraded && mode() === 'b'));
    await write(root, 'config/app.json', '{ "mode": "b" }');
    await eventually(() => expect(client.reloaded.map((event) => event.id)).toContain('app'));
    degraded = true;
    const failed = await failure(client, (event) => event.reason !== undefined);
    expect(failed).toMatchObject({ kind: 'config', id: 'app', rolledBack: true, reason: 'health:app:api' });
    expect(mode()).toBe('a');
  });

  it('leaves a version alone when the failing check was already failing at its commit', async () => {
    const { root, hub, client } = await watchedHub();
    const check = countedCheck(() => true);
    hub.healthChecks.add('legacy', check.fn, { kinds: [] });
    await eventually(() => expect(check.runs).toBeGreaterThan(1));
    await write(root, 'plugins/search.js', pluginSource('v2'));
    await eventually(() => expect(answerOf(hub.plugins, 'search')).toBe('v2'));
    const after = check.runs;
    await eventually(() => expect(check.runs).toBeGreaterThan(after + 3));
    expect(client.failed).toEqual([]);
    expect(answerOf(hub.plugins, 'search')).toBe('v2');
  });

  it('majority: one failing check of seven is tolerated, four of seven roll back', async () => {
    const { root, hub, client } = await watchedHub({ rollbackWhen: 'majority' });
    let failing = 0;
    // With memory, eventLoop and disk: 7 hub-wide checks; check i fails while i < failing.
    const checks = [0, 1, 2, 3].map((i) => countedCheck(() => i < failing));
    checks.forEach((check, i) => hub.healthChecks.add(`c${i}`, check.fn, { kinds: [] }));
    await write(root, 'plugins/search.js', pluginSource('v2'));
    await eventually(() => expect(answerOf(hub.plugins, 'search')).toBe('v2'));
    failing = 1;
    const runs = checks[0]!.runs;
    await eventually(() => expect(checks[0]!.runs).toBeGreaterThan(runs + 3));
    expect(client.failed).toEqual([]);
    failing = 4;
    const failed = await failure(client, (event) => event.reason !== undefined);
    expect(failed).toMatchObject({ kind: 'plugin', id: 'search', rolledBack: true, reason: 'health:app:c0' });
    expect(failed.error.message).toContain('(4 of 7 checks failing)');
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
  });

  it('any (the default): a single failing check rolls back', async () => {
    const { root, hub, client } = await watchedHub();
    let budget = false;
    hub.healthChecks.add('memory-guard', () => !budget, { kinds: [] });
    await write(root, 'plugins/search.js', pluginSource('v2'));
    await eventually(() => expect(answerOf(hub.plugins, 'search')).toBe('v2'));
    budget = true;
    expect(await failure(client, (event) => event.reason !== undefined)).toMatchObject({ reason: 'health:app:memory-guard', rolledBack: true });
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
  });

  it('blames a hub-wide check on the latest commit that runs in the hub, never on a stylesheet saved after it', async () => {
    const { root, hub, client, mode } = await watchedHub();
    await write(root, 'styles/main.css', 'body { color: red; }');
    await eventually(() => expect(client.reloaded.filter((event) => event.id === 'main.css')).toHaveLength(1));
    let degraded = false;
    hub.healthChecks.add('api', () => !(degraded && mode() === 'b'));
    await write(root, 'config/app.json', '{ "mode": "b" }');
    await eventually(() => expect(client.reloaded.map((event) => event.id)).toContain('app'));
    await write(root, 'styles/main.css', 'body { color: blue; }');
    await eventually(() => expect(client.reloaded.filter((event) => event.id === 'main.css')).toHaveLength(2));
    degraded = true;
    const failed = await failure(client, (event) => event.reason !== undefined);
    expect(failed).toMatchObject({ kind: 'config', id: 'app', rolledBack: true, reason: 'health:app:api' });
    expect(client.failed.filter((event) => event.kind === 'style')).toEqual([]);
    expect(mode()).toBe('a');
  });

  it('does not watch a version after its probation ended', async () => {
    const { root, hub, client } = await watchedHub({ probation: 0.2 });
    let broken = false;
    const check = countedCheck(() => broken);
    hub.healthChecks.add('late', check.fn, { kinds: [] });
    await write(root, 'plugins/search.js', pluginSource('v2'));
    await eventually(() => expect(answerOf(hub.plugins, 'search')).toBe('v2'));
    const committed = Date.now();
    await eventually(() => expect(Date.now() - committed).toBeGreaterThan(300));
    broken = true;
    const runs = check.runs;
    await eventually(() => expect(check.runs).toBeGreaterThan(runs + 3));
    expect(client.failed).toEqual([]);
    expect(answerOf(hub.plugins, 'search')).toBe('v2');
  });
});
