import { ReloadHistory, ReloadStatistics } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { expectError, json, post, snapshot, about } from './support/api.js';
import { startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

async function historyHub() {
  const root = await tempRoot({ 'styles/a.css': 'a{}', 'styles/b.css': 'b{}', 'wizards/broken_wizard.js': 'export class {' });
  const hub = await startHub({ root });
  const history = async (query = '') => json(await fetch(`${hub.url}/reload/history${query}`), ReloadHistory);
  return { root, hub, history };
}

describe('GET /reload/history', () => {
  it('lists events newest first, with the startup load as trigger startup', async () => {
    const { hub, history } = await historyHub();
    await post(`${hub.url}/reload`, { target: 'style/a.css' });
    const { events } = await history();
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({ name: 'reloaded', payload: { id: 'a.css', trigger: 'api', seq: 4 } });
    expect(events.slice(1).map((e) => about(e).trigger)).toEqual(['startup', 'startup', 'startup']);
    expect(events.map((e) => e.payload.seq)).toEqual([4, 3, 2, 1]);
  });

  it('filters by trigger, kind and success, and limits', async () => {
    const { hub, history } = await historyHub();
    await post(`${hub.url}/reload`, { target: 'style' });
    expect((await history('?trigger=api')).events.map((e) => about(e).id)).toEqual(['b.css', 'a.css']);
    expect((await history('?kind=wizard')).events.map((e) => e.name)).toEqual(['reload_failed']);
    expect((await history('?success=false')).events.map((e) => about(e).id)).toEqual(['broken']);
    expect((await history('?success=true&kind=style&trigger=startup')).events).toHaveLength(2);
    expect((await history('?limit=1')).events.map((e) => e.payload.seq)).toEqual([hub.seq]);
    expect((await history('?limit=500')).events).toHaveLength(5);
  });

  it('answers 400 naming the parameter for a bad query, and changes nothing', async () => {
    const { hub } = await historyHub();
    const before = snapshot(hub);
    for (const [query, path] of [
      ['?limit=501', 'limit'],
      ['?limit=0', 'limit'],
      ['?limit=abc', 'limit'],
      ['?limit=1&limit=2', 'limit'],
      ['?trigger=cron', 'trigger'],
      ['?kind=script', 'kind'],
      ['?success=maybe', 'success'],
    ] as const) {
      const error = await expectError(await fetch(`${hub.url}/reload/history${query}`), 400, 'invalid_query');
      expect(error.error.details, query).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    expect(snapshot(hub)).toEqual(before);
  });

  it('shows periodic refreshes as trigger periodic, only for content that changed', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}', 'styles/b.css': 'b{}' });
    const hub = await startHub({ root, mode: 'prod', token: 'history-token', periodic: 0.05 });
    await write(root, 'styles/b.css', 'b { color: teal }');
    await eventually(async () => {
      const headers = { authorization: 'Bearer history-token' };
      const { events } = await json(await fetch(`${hub.url}/reload/history?trigger=periodic`, { headers }), ReloadHistory);
      expect(events.map((e) => about(e).id)).toEqual(['b.css']);
    });
    expect(await (await fetch(`${hub.url}/assets/style/b.css`)).text()).toBe('b { color: teal }');
  });
});

describe('GET /reload/statistics', () => {
  it('counts totals, success rate, rollbacks, per kind and p50/p95 durations', async () => {
    const { hub } = await historyHub();
    const stats = await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics);
    expect(stats).toMatchObject({ total: 3, successful: 2, failed: 1, rollbacks: 0, validationFailures: 1, successRate: 2 / 3 });
    expect(stats.byKind.style).toEqual({ total: 2, successful: 2, failed: 0, rollbacks: 0, validationFailures: 0 });
    expect(stats.byKind.wizard).toEqual({ total: 1, successful: 0, failed: 1, rollbacks: 0, validationFailures: 1 });
    expect(stats.durationMs.p50).toBeGreaterThan(0);
    expect(stats.durationMs.p95).toBeGreaterThanOrEqual(stats.durationMs.p50!);
    await expectError(await fetch(`${hub.url}/reload/statistics`, { method: 'DELETE' }), 405, 'method_not_allowed');
  });

  it('reports a null success rate and durations before any reload', async () => {
    const hub = await startHub({ root: await tempRoot() });
    const stats = await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics);
    expect(stats).toEqual({
      total: 0, successful: 0, failed: 0, rollbacks: 0, validationFailures: 0,
      successRate: null, byKind: {}, durationMs: { p50: null, p95: null }, appliedMs: {},
      handlersRegistered: 0, periodicRefreshEnabled: false, refreshIntervalSeconds: null,
    });
  });
});
