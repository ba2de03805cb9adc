import { join } from 'node:path';
import type { Reloaded } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { afterRunConsumers, runConsumers, type AfterRunContext } from '../src/after-run.js';
import { followEvent } from '../src/cluster/follow-event.js';
import { ConfigRuntime } from '../src/config/config-runtime.js';
import { ModuleRegistry } from '../src/modules/module-registry.js';
import { ImportGraph } from '../src/modules/import-graph.js';
import { EventLog, type HubEvent } from '../src/pipeline/event-log.js';
import { KeyedQueue } from '../src/pipeline/keyed-queue.js';
import type { RunEvent } from '../src/pipeline/reload-outcome.js';
import { Serving } from '../src/pipeline/serving.js';
import { LocalCatchUp } from '../src/realtime/catch-up.js';
import { createLogger } from '../src/util/log.js';
import { DependencyReloads } from '../src/watch/dependency-reloads.js';
import { KindFolders } from '../src/watch/kind-folders.js';
import { fakeKind, fakePipeline } from './support/fake-kind.js';
import { tempRoot, write } from './support/temp-root.js';

const reloaded = (input: Partial<Reloaded> = {}): Omit<Reloaded, 'seq' | 'ts'> => ({
  kind: 'style',
  id: 'main.css',
  version: 'a',
  trigger: 'file',
  durationMs: 1,
  ...input,
});

describe('event numbering', () => {
  it('numbers events 1, 2, 3 and keeps the latest up to its capacity', () => {
    const log = new EventLog(2);
    const events = [log.reloaded(reloaded()), log.failed({ kind: 'style', id: 'x', trigger: 'file', error: { message: 'no' }, rolledBack: false }), log.reloaded(reloaded({ version: 'b' }))];
    expect(events.map((e) => e.payload.seq)).toEqual([1, 2, 3]);
    expect(log.seq).toBe(3);
    expect(log.since(0).map((e) => e.payload.seq)).toEqual([2, 3]);
    expect(log.since(2).map((e) => e.payload.seq)).toEqual([3]);
  });

  it('records an event another hub numbered and numbers after it, never below', () => {
    const log = new EventLog();
    log.reloaded(reloaded());
    const followed: HubEvent = { name: 'reloaded', payload: { ...reloaded({ version: 'z' }), seq: 10, ts: 1 } };
    log.record(followed);
    expect(log.reloaded(reloaded({ version: 'c' })).payload.seq).toBe(11);
    log.record({ ...followed, payload: { ...followed.payload, seq: 5 } });
    expect(log.since(0).map((e) => e.payload.seq)).toEqual([1, 10, 11]);
  });

  it('after a restart, re-sends the restored event for an unchanged startup load instead of numbering a new one', () => {
    const before = new EventLog();
    const announced = before.reloaded(reloaded({ version: 'v1' }));
    const after = new EventLog();
    after.restore(before.id, before.since(0));
    expect(after.id).toBe(before.id);
    const again = after.reloaded(reloaded({ version: 'v1', trigger: 'startup' }));
    expect(again).toBe(after.since(0)[0]);
    expect(again.payload.seq).toBe(announced.payload.seq);
    expect(after.announcedBefore(again)).toBe(true);
    const changed = after.reloaded(reloaded({ version: 'v2', trigger: 'startup' }));
    expect(changed.payload.seq).toBe(2);
    expect(after.announcedBefore(changed)).toBe(false);
  });
});

describe('keyed queue', () => {
  it('runs tasks of one key one at a time in arrival order, other keys alongside, and a failure does not block the key', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('a', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
    });
    const second = queue.run('a', async () => void log.push('a2'));
    const failing = queue.run('a', async () => {
      throw new Error('a3 broke');
    });
    const fourth = queue.run('a', async () => void log.push('a4'));
    await queue.run('b', async () => void log.push('b1'));
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    await Promise.all([first, second, fourth]);
    await expect(failing).rejects.toThrow('a3 broke');
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2', 'a4']);
    await queue.idle();
  });

  it('idle() waits for every queued task', async () => {
    const queue = new KeyedQueue();
    let done = 0;
    for (const key of ['a', 'a', 'b']) void queue.run(key, async () => void done++);
    await queue.idle();
    expect(done).toBe(3);
  });
});

describe('import graph', () => {
  const imports = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

  it('finds every artifact importing a file, directly or through helpers, with the shortest chain', () => {
    const graph = new ImportGraph();
    graph.record('debug', { file: '/w/debug_wizard.js', relPath: 'debug_wizard.js', imports: imports({ '/w/debug_wizard.js': ['/w/a.js', '/w/b.js'], '/w/a.js': ['/w/c.js'], '/w/b.js': ['/w/a.js'], '/w/c.js': [] }) });
    graph.record('other', { file: '/w/other_wizard.js', relPath: 'other_wizard.js', imports: imports({ '/w/other_wizard.js': [] }) });
    expect(graph.dependentsOf('/w/c.js')).toEqual([{ id: 'debug', file: '/w/debug_wizard.js', relPath: 'debug_wizard.js', chain: ['/w/c.js', '/w/a.js', '/w/debug_wizard.js'] }]);
    expect(graph.dependentsOf('/w/debug_wizard.js')).toEqual([]);
    expect(graph.files()).toEqual(new Set(['/w/a.js', '/w/b.js', '/w/c.js']));
    graph.forget('debug');
    expect(graph.dependentsOf('/w/c.js')).toEqual([]);
  });

  it('survives import cycles', () => {
    const graph = new ImportGraph();
    graph.record('x', { file: '/w/x.js', relPath: 'x.js', imports: imports({ '/w/x.js': ['/w/a.js'], '/w/a.js': ['/w/b.js'], '/w/b.js': ['/w/a.js'] }) });
    expect(graph.dependentsOf('/w/b.js')[0]?.chain).toEqual(['/w/b.js', '/w/a.js', '/w/x.js']);
    expect(graph.dependentsOf('/w/missing.js')).toEqual([]);
  });
});

describe('dependency reloads', () => {
  it('reloads the artifacts importing a changed helper with the import chain as cause, once per content', async () => {
    const root = await tempRoot({ 'styles/main.txt': 'v1', 'lib/helper.js': 'one' });
    const { kind } = fakeKind();
    const helper = join(root, 'lib/helper.js');
    const own = join(root, 'styles/main.txt');
    kind.dependentsOf = (file) => (file === helper ? [{ id: 'main', file: own, relPath: 'main.txt', chain: [helper, own] }] : []);
    const { pipeline, outcomes } = fakePipeline([kind], root);
    const dependencies = new DependencyReloads({ kinds: new Map([[kind.name, kind]]), pipeline, root });
    await dependencies.remember(helper);
    expect(await dependencies.reload(helper)).toBe(false);
    await write(root, 'lib/helper.js', 'two');
    expect(await dependencies.reload(helper)).toBe(true);
    expect(outcomes.at(-1)?.event.payload).toMatchObject({ id: 'main', trigger: 'file', cause: { file: 'lib/helper.js', chain: ['lib/helper.js', 'styles/main.txt'] } });
    expect(await dependencies.reload(helper)).toBe(false);
    expect(await dependencies.reload(join(root, 'lib/unrelated.js'))).toBe(false);
    expect(outcomes).toHaveLength(1);
  });
});

describe('after a run', () => {
  const outcome = (event: HubEvent): RunEvent => ({ status: 'event', event });

  it('applies the written-down consumers in order; one that throws is logged and the rest still run', () => {
    const order: string[] = [];
    const log = new EventLog();
    const registry = new ModuleRegistry('style', new Serving());
    registry.record = () => void order.push('module registries');
    const catchUp = new LocalCatchUp(log);
    catchUp.observe = () => void order.push('catch-up');
    const logger = createLogger({ level: 'silent' });
    const config = new ConfigRuntime({ root: '/nonexistent', dir: '/nonexistent/config', publicConfigs: [], maxBytes: 1, backups: 1, redactKeys: [], logger });
    const context: AfterRunContext = {
      history: () => ({ append: () => void order.push('history') }),
      registries: [registry],
      config,
      events: log,
      catchUp,
      pages: () => {
        order.push('pages');
        throw new Error('socket server gone');
      },
      ops: { record: () => void order.push('statistics, alerts, metrics') },
      versions: { store: () => void order.push('versions') },
      probation: { observe: () => void order.push('probation') },
      sources: {
        watchImports: async () => void order.push('imported files to watch'),
      },
      terminal: () => void order.push('terminal line'),
      emit: () => void order.push('in-process listeners'),
    };
    const logs: string[] = [];
    const run = runConsumers(afterRunConsumers(context), createLogger({ level: 'error', write: (line) => void logs.push(line) }));
    run(outcome(log.reloaded(reloaded())));
    expect(order).toEqual(['history', 'module registries', 'catch-up', 'pages', 'versions', 'statistics, alerts, metrics', 'probation', 'imported files to watch', 'terminal line', 'in-process listeners']);
    expect(logs.join('\n')).toContain('pages failed on style/main.css');
    expect(afterRunConsumers(context).map(([name]) => name)).toEqual([
      'history (.hothub/, cluster stream)',
      'module registries',
      'config audit',
      'config subscribers',
      'catch-up',
      'pages',
      'versions (.hothub/backups/)',
      'statistics, alerts, metrics',
      'probation',
      'imported files to watch',
      'terminal line',
      'in-process listeners',
    ]);
  });
});

describe('following the cluster', () => {
  const DIRS = { style: 'styles', theme: 'themes', component: 'components', wizard: 'wizards', plugin: 'plugins', config: 'config', page: 'pages', asset: 'assets' } as const;

  it('runs the same file under the number another hub gave it, keeping this hub’s own payload', async () => {
    const root = await tempRoot({ 'styles/main.txt': 'v1' });
    const { kind, serving } = fakeKind();
    const { pipeline, outcomes, log } = fakePipeline([kind], root);
    const folders = new KindFolders(root, DIRS, new Map([[kind.name, kind]]));
    const announced: HubEvent[] = [];
    const leader: HubEvent = { name: 'reloaded', payload: { ...reloaded({ id: 'main', version: 'theirs', durationMs: 999 }), seq: 42, ts: 7 } };
    const outcome = await followEvent({ event: leader, origin: 'other', file: 'main.txt' }, { folders, pipeline, announce: (e) => void announced.push(e) });
    expect(outcome).toMatchObject({ status: 'event', followed: true, relPath: 'main.txt', event: { name: 'reloaded', payload: { id: 'main', seq: 42, ts: 7 } } });
    expect(outcomes[0]?.event.payload).not.toMatchObject({ durationMs: 999 });
    expect(serving.get('main')).toBe('v1');
    expect(log.seq).toBe(42);
    expect(announced).toEqual([]);
  });

  it('announces an event it ran nothing for: a failure, or a file that defines no such artifact here', async () => {
    const root = await tempRoot({ 'styles/main.txt': 'v1' });
    const { kind } = fakeKind();
    const { pipeline, outcomes } = fakePipeline([kind], root);
    const folders = new KindFolders(root, DIRS, new Map([[kind.name, kind]]));
    const announced: HubEvent[] = [];
    const context = { folders, pipeline, announce: (e: HubEvent) => void announced.push(e) };
    const failed: HubEvent = { name: 'reload_failed', payload: { kind: 'style', id: 'main', trigger: 'file', error: { message: 'no' }, rolledBack: false, seq: 3, ts: 1 } };
    const elsewhere: HubEvent = { name: 'reloaded', payload: { ...reloaded({ id: 'main' }), seq: 4, ts: 1 } };
    await followEvent({ event: failed, origin: 'other', file: 'main.txt' }, context);
    await followEvent({ event: elsewhere, origin: 'other', file: '../outside.txt' }, context);
    // This hub serves nothing for `main`: its pages hear that, under the same seq, not of a version it does not serve.
    expect(announced).toEqual([failed, { name: 'reload_failed', payload: expect.objectContaining({ id: 'main', seq: 4, rolledBack: false }) }]);
    expect(outcomes).toEqual([]);
  });

  it('says reload_failed when a skipped run leaves it serving another version than the event announced (issue 12)', async () => {
    const root = await tempRoot({ 'styles/main.txt': 'v1' });
    const { kind } = fakeKind();
    const { pipeline } = fakePipeline([kind], root);
    const folders = new KindFolders(root, DIRS, new Map([[kind.name, kind]]));
    const announced: HubEvent[] = [];
    const context = { folders, pipeline, announce: (e: HubEvent) => void announced.push(e) };
    const first = await followEvent({ event: { name: 'reloaded', payload: { ...reloaded({ id: 'main', version: 'x' }), seq: 5, ts: 1 } }, origin: 'other', file: 'main.txt' }, context);
    expect(first.status).toBe('event');
    const serving = pipeline.serving.get('style', 'main')!.source.version;
    // The same file and content again: the run is skipped, and this hub keeps serving what it loaded.
    const same: HubEvent = { name: 'reloaded', payload: { ...reloaded({ id: 'main', version: serving }), seq: 6, ts: 1 } };
    const older: HubEvent = { name: 'reloaded', payload: { ...reloaded({ id: 'main', version: 'older' }), seq: 7, ts: 1 } };
    await followEvent({ event: same, origin: 'other', file: 'main.txt' }, context);
    await followEvent({ event: older, origin: 'other', file: 'main.txt' }, context);
    expect(announced[0]).toBe(same);
    expect(announced[1]).toMatchObject({ name: 'reload_failed', payload: { id: 'main', seq: 7, error: { message: expect.stringContaining(`this hub serves version ${serving}`) } } });
  });
});
