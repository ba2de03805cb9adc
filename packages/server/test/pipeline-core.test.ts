import { describe, expect, it } from 'vitest';
import { fakeKind, fakePipeline } from './support/fake-kind.js';

describe('pipeline transaction', () => {
  it('commits: load → apply → check → commit, one numbered event, one outcome handed to after', async () => {
    const { kind, steps, serving } = fakeKind();
    const { pipeline, outcomes, save } = fakePipeline([kind]);
    const outcome = await save('main', 'v1');
    expect(steps).toEqual(['load v1', 'apply main v1 over nothing', 'check main v1', 'commit main v1']);
    expect(outcome).toMatchObject({
      status: 'event',
      event: { name: 'reloaded', payload: { kind: 'style', id: 'main', seq: 1, trigger: 'manual' } },
      relPath: 'main.txt',
      applied: { changes: [{ key: 'text', newValue: 'v1' }] },
    });
    expect(outcomes).toEqual([outcome]);
    expect(serving.get('main')).toBe('v1');
    expect(pipeline.serving.get('style', 'main')).toMatchObject({ reloadCount: 0, artifact: { text: 'v1' } });
  });

  it('backs up the serving version before applying the next, and counts reloads', async () => {
    const { kind, steps } = fakeKind();
    const { pipeline, save } = fakePipeline([kind]);
    await save('main', 'v1');
    steps.length = 0;
    const outcome = await save('main', 'v2');
    expect(steps).toEqual(['load v2', 'backup main v1', 'apply main v2 over v1', 'check main v2', 'commit main v2']);
    expect(outcome).toMatchObject({ applied: { previousVersion: expect.any(String), changes: [{ oldValue: 'v1', newValue: 'v2' }] } });
    expect(pipeline.serving.get('style', 'main')).toMatchObject({ reloadCount: 1, artifact: { text: 'v2' } });
  });

  it.each([
    ['load', ['load v2'], false],
    ['backup', ['load v2', 'backup main v1'], false],
    ['apply', ['load v2', 'backup main v1', 'apply main v2 over v1', 'rollback main v2 to v1'], true],
    ['check', ['load v2', 'backup main v1', 'apply main v2 over v1', 'check main v2', 'rollback main v2 to v1'], true],
  ] as const)('a %s failure sends reload_failed and leaves v1 serving', async (failing, expected, rolledBack) => {
    const { kind, steps, serving, state } = fakeKind();
    const { pipeline, outcomes, save } = fakePipeline([kind]);
    await save('main', 'v1');
    steps.length = 0;
    state.fail = failing;
    const outcome = await save('main', 'v2');
    expect(steps).toEqual(expected);
    expect(outcome).toMatchObject({
      status: 'event',
      event: { name: 'reload_failed', payload: { id: 'main', rolledBack, error: { message: `${failing} failed` } } },
    });
    expect(outcomes).toHaveLength(2);
    expect(serving.get('main')).toBe('v1');
    expect(pipeline.serving.get('style', 'main')).toMatchObject({ reloadCount: 0, artifact: { text: 'v1' } });
  });

  it('a check failure keeps what apply changed on the outcome, so the audit can record what was undone', async () => {
    const { kind, state } = fakeKind();
    const { save } = fakePipeline([kind]);
    await save('main', 'v1');
    state.fail = 'check';
    expect(await save('main', 'v2')).toMatchObject({ applied: { changes: [{ oldValue: 'v1', newValue: 'v2' }] } });
  });

  it('a failing health check rolls back like a failing kind check', async () => {
    const { kind, steps, serving } = fakeKind();
    const { pipeline, save } = fakePipeline([kind]);
    await save('main', 'v1');
    pipeline.healthChecks.add('never', () => false);
    steps.length = 0;
    const outcome = await save('main', 'v2');
    expect(outcome).toMatchObject({ event: { name: 'reload_failed', payload: { rolledBack: true } } });
    expect(steps.at(-1)).toBe('rollback main v2 to v1');
    expect(serving.get('main')).toBe('v1');
  });

  it('a commit failure is logged: the new version serves', async () => {
    const { kind, serving, state } = fakeKind();
    const { save } = fakePipeline([kind]);
    state.fail = 'commit';
    expect(await save('main', 'v1')).toMatchObject({ event: { name: 'reloaded' } });
    expect(serving.get('main')).toBe('v1');
  });

  it('a first version that fails leaves nothing serving', async () => {
    const { kind, serving, state } = fakeKind();
    const { pipeline, save } = fakePipeline([kind]);
    state.fail = 'check';
    expect(await save('main', 'v1')).toMatchObject({ event: { name: 'reload_failed', payload: { rolledBack: true } } });
    expect(serving.has('main')).toBe(false);
    expect(pipeline.serving.get('style', 'main')).toBeUndefined();
  });

  it('error paths in events are root-relative, in the message too', async () => {
    const { kind, state } = fakeKind();
    const { save } = fakePipeline([kind], '/srv/app');
    kind.load = () => {
      throw new Error('cannot read /srv/app/styles/main.txt');
    };
    state.fail = undefined;
    const outcome = await save('main', 'v1');
    expect(outcome).toMatchObject({
      event: { name: 'reload_failed', payload: { error: { message: 'cannot read styles/main.txt', file: 'styles/main.txt' } } },
    });
  });

  it('gives load the artifact id and the kind folder', async () => {
    const { kind } = fakeKind();
    const { save } = fakePipeline([kind], '/srv/app');
    const contexts: unknown[] = [];
    kind.load = (source, context) => {
      contexts.push(context);
      return { text: source.bytes.toString() };
    };
    await save('main', 'v1');
    expect(contexts).toEqual([{ id: 'main', dir: '/srv/app/styles' }]);
  });

  it('keeps how a kind serves a version beside what serves, and nothing for a kind served from its file', async () => {
    const { kind } = fakeKind();
    const { pipeline, save } = fakePipeline([kind]);
    await save('main', 'v1');
    expect(pipeline.serving.get('style', 'main')?.served).toBeUndefined();
    kind.served = (artifact) => ({ contentType: 'text/css', body: artifact.text.toUpperCase(), version: artifact.text });
    await save('main', 'v2');
    expect(pipeline.serving.get('style', 'main')?.served).toEqual({ contentType: 'text/css', body: 'V2', version: 'v2' });
  });

  it('runs one artifact at a time: the outcome of a run reaches after before the next run of it starts', async () => {
    const { kind, steps } = fakeKind();
    const { outcomes, save } = fakePipeline([kind]);
    const seen: string[] = [];
    const originalLoad = kind.load.bind(kind);
    kind.load = (source, context) => {
      seen.push(`load ${source.bytes.toString()} after ${outcomes.length} outcomes`);
      return originalLoad(source, context);
    };
    await Promise.all([save('main', 'v1'), save('main', 'v2'), save('main', 'v3')]);
    expect(seen).toEqual(['load v1 after 0 outcomes', 'load v2 after 1 outcomes', 'load v3 after 2 outcomes']);
    expect(outcomes.map((o) => o.event.payload.seq)).toEqual([1, 2, 3]);
    expect(steps.filter((s) => s.startsWith('commit'))).toEqual(['commit main v1', 'commit main v2', 'commit main v3']);
  });

  it('remove makes the artifact inactive and sends reloaded with removed: true', async () => {
    const { kind, serving } = fakeKind();
    const { pipeline, outcomes, save } = fakePipeline([kind]);
    await save('main', 'v1');
    const outcome = await pipeline.remove('style', 'main');
    expect(outcome).toMatchObject({ event: { name: 'reloaded', payload: { removed: true, seq: 2 } }, relPath: 'main.txt' });
    expect(outcomes).toHaveLength(2);
    expect(serving.has('main')).toBe(false);
    expect(pipeline.serving.get('style', 'main')).toBeUndefined();
    expect(await pipeline.remove('style', 'main')).toEqual({ status: 'unchanged' });
  });

  it('restore brings back the version a failed one replaced (runtime rollback), once', async () => {
    const { kind, serving } = fakeKind();
    const { pipeline, save } = fakePipeline([kind]);
    await save('main', 'v1');
    await save('main', 'v2');
    const version = pipeline.serving.get('style', 'main')!.source.version;
    const outcome = await pipeline.restore('style', 'main', version, { message: 'v2 threw later' });
    expect(outcome).toMatchObject({ event: { name: 'reload_failed', payload: { trigger: 'runtime', rolledBack: true } } });
    expect(serving.get('main')).toBe('v1');
    expect(pipeline.serving.get('style', 'main')).toMatchObject({ artifact: { text: 'v1' }, reloadCount: 2 });
    expect(await pipeline.restore('style', 'main', version, { message: 'again' })).toEqual({ status: 'unchanged' });
  });
});
