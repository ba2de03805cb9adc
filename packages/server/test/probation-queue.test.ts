import { describe, expect, it } from 'vitest';
import { Probation } from '../src/health/probation.js';
import { EventLog } from '../src/pipeline/event-log.js';
import type { RunEvent } from '../src/pipeline/reload-outcome.js';
import { createLogger } from '../src/util/log.js';
import { fakeKind, fakePipeline } from './support/fake-kind.js';
import { connectClient, startHub } from './support/hub.js';
import { answerOf, pluginSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

/** What the test hands plugin `search` as its config: v2's probation check waits on `gate` and says where it is. */
function checkGate() {
  let release = () => {};
  const state = { held: false, answered: false };
  const config = {
    gate: new Promise<void>((resolve) => (release = resolve)),
    held: () => void (state.held = true),
    answered: () => void (state.answered = true),
  };
  return { config, state, release: () => release() };
}

/**
 * v2 answers its first getStatus() (the save's own check) at once; later ones wait for the test's gate, then
 * say whether v2 was cleaned up meanwhile: what a check of a version a newer save replaced would see.
 */
const v2 = pluginSource('v2', {
  initialize: 'this.config = config; this.cleanedUp = false; this.calls = 0;',
  getStatus: `this.calls++;
    if (this.calls > 1) {
      this.config.held();
      await this.config.gate;
      this.config.answered();
    }
    return this.cleanedUp ? { healthy: false, message: 'checked after its cleanup' } : { healthy: true };`,
  cleanup: 'this.cleanedUp = true;',
});

describe('probation and saves of the same artifact (issue 16)', () => {
  it('a save while probation checks the previous version waits for that check; the newest file serves at the end, never the rolled-back one', async () => {
    const gate = checkGate();
    const root = await tempRoot({ 'plugins/search.js': pluginSource('v1') });
    const hub = await startHub({ root, healthInterval: 0.05, probation: 30, pluginTimeout: 2000, pluginConfig: { search: gate.config } });
    const client = await connectClient(hub.url!);
    let runs = 0;
    hub.healthChecks.add('runs', () => Boolean(++runs), { kinds: [] });
    await write(root, 'plugins/search.js', v2);
    await eventually(() => expect(gate.state.held).toBe(true));
    // Probation is in v2's getStatus(): v3 is saved now.
    await write(root, 'plugins/search.js', pluginSource('v3'));
    const servingVersion = () => hub.artifacts('plugin').find((artifact) => artifact.id === 'search')?.source.version;
    await eventually(() => {
      expect(answerOf(hub.plugins, 'search')).toBe('v3');
      // Announced: every consumer of v3's run (probation included) has seen it.
      expect(client.reloaded.map((event) => event.version)).toContain(servingVersion());
    });
    const v3Version = servingVersion();
    const failedBefore = client.failed.length;
    gate.release();
    await eventually(() => expect(gate.state.answered).toBe(true));
    // Two more monitor runs: whatever v2's late answer led to is done.
    const after = runs;
    await eventually(() => expect(runs).toBeGreaterThan(after + 1));
    expect(answerOf(hub.plugins, 'search')).toBe('v3');
    expect(servingVersion()).toBe(v3Version);
    expect(client.failed.slice(failedBefore)).toEqual([]);
  });

  it('Pipeline.recheck waits for a save of the same artifact in progress, then checks only the version it was asked about', async () => {
    const { kind, steps } = fakeKind('plugin');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const apply = kind.apply!;
    kind.apply = async (id, next, previous) => {
      if (next.text === 'v3') await held;
      return apply(id, next, previous);
    };
    const { pipeline, save } = fakePipeline([kind]);
    await save('search', 'v2', 'plugin');
    const v2 = pipeline.serving.get('plugin', 'search')!.source.version;
    const saving = save('search', 'v3', 'plugin');
    await eventually(() => expect(steps).toContain('load v3'));
    // v3's save is between its load and its apply: the check of v2 waits for it, and then v2 no longer serves.
    const checked = pipeline.recheck('plugin', 'search', v2);
    release();
    await saving;
    expect(await checked).toBe(false);
    expect(steps.filter((step) => step === 'check search v2')).toHaveLength(1);
  });

  it('a failing check judges the version it checked, not a newer one that went on probation before the judgement', async () => {
    const log = new EventLog();
    const committed = (version: string, previousVersion: string): RunEvent => ({
      status: 'event',
      event: log.reloaded({ kind: 'plugin', id: 'search', version, trigger: 'file', durationMs: 1 }),
      applied: { version, previousVersion, changes: [] },
    });
    const restored: string[] = [];
    const probation = new Probation({
      ms: 60_000,
      rollbackWhen: 'any',
      pipeline: {
        recheck: async (_kind, _id, version) => (version === 'v2' ? Promise.reject(new Error('checked after its cleanup')) : true),
        restore: async (_kind, _id, version) => {
          restored.push(version);
          return { status: 'unchanged' };
        },
      },
      errorRate: { errorPages: 3, errorShare: 0.5 },
      failingNow: () => [],
      logger: createLogger({ level: 'silent' }),
    });
    probation.observe(committed('v2', 'v1'));
    const results = await probation.checks();
    expect(results).toMatchObject([{ name: 'plugin/search', ok: false }]);
    probation.observe(committed('v3', 'v2'));
    await probation.judge(results);
    expect(restored).toEqual([]);
    expect(probation.active()).toBe(true);
  });
});
