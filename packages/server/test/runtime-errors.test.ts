import { ClientList, HubStatus, ReloadHistory, ReloadStatistics, type RuntimeError } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { json } from './support/api.js';
import { connectClient, type RecordingClient, startHub } from './support/hub.js';
import { failure } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const sheet = (color: string) => `body { color: ${color}; }\n`;

async function report(client: RecordingClient, error: RuntimeError) {
  return client.socket.emitWithAck('runtime_error', error);
}

describe('runtime_error from pages (issue 17)', () => {
  it('is listed for its page in /clients, kept in history as a failure, never sent to pages, counted in failure_rate but not as a reload', async () => {
    const root = await tempRoot({ 'styles/main.css': sheet('red') });
    const hub = await startHub({ root });
    const page = await connectClient(hub.url!, { page: 'http://app.test/cart' });
    const other = await connectClient(hub.url!);
    const names: string[] = [];
    other.socket.onAny((name: string) => names.push(name));
    const heard: unknown[] = [];
    hub.on('runtime_error', (record) => heard.push(record.message));
    const version = hub.artifacts('style')[0]!.source.version;
    const before = hub.seq;

    const sent: RuntimeError = {
      message: 'TypeError: cannot read properties of undefined',
      stack: 'TypeError: cannot read…\n    at render (app.js:3:9)',
      source: { url: 'http://app.test/app.js', line: 3, column: 9 },
      kind: 'style',
      id: 'main.css',
      version,
      seq: before,
      page: 'http://app.test/cart',
    };
    expect(await report(page, sent)).toEqual({ ok: true });
    expect(await report(page, { message: 'Unhandled rejection: boom', unhandledRejection: true })).toEqual({ ok: true });

    const clients = await json(await fetch(`${hub.url}/clients`), ClientList);
    const listed = clients.pages.find((p) => p.id === page.socket.id)!;
    expect(listed.failures).toEqual([
      expect.objectContaining({ runtime: true, kind: 'style', id: 'main.css', version, page: 'http://app.test/cart', error: { message: sent.message, file: 'http://app.test/app.js', line: 3, column: 9 } }),
      expect.objectContaining({ runtime: true, error: { message: 'Unhandled rejection: boom' } }),
    ]);
    expect(clients.pages.find((p) => p.id === other.socket.id)!.failures).toEqual([]);

    const failures = await json(await fetch(`${hub.url}/reload/history?success=false`), ReloadHistory);
    expect(failures.events.map((e) => e.name)).toEqual(['runtime_error', 'runtime_error']);
    expect(failures.events[1]).toMatchObject({
      name: 'runtime_error',
      payload: { seq: before + 1, kind: 'style', id: 'main.css', version, message: sent.message, page: 'http://app.test/cart', blamedSeq: before, client: page.socket.id },
    });
    const ofStyle = await json(await fetch(`${hub.url}/reload/history?kind=style&id=main.css&success=false`), ReloadHistory);
    expect(ofStyle.total).toBe(1);
    expect(hub.seq).toBe(before + 2);
    expect(heard).toEqual([sent.message, 'Unhandled rejection: boom']);

    const statistics = await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics);
    expect(statistics).toMatchObject({ total: 1, successful: 1, failed: 0 });
    const status = await json(await fetch(`${hub.url}/status`), HubStatus);
    expect(status.alerts).toContainEqual(expect.objectContaining({ name: 'failure_rate', message: expect.stringContaining('2 of them runtime errors reported by pages') }));

    // Pages never get a runtime_error, live or on catch-up.
    const { serverId } = other.connected[0]!;
    const resumed = await connectClient(hub.url!, { lastSeq: before, serverId });
    resumed.socket.onAny((name: string) => names.push(name));
    await write(root, 'styles/main.css', sheet('blue'));
    await eventually(() => expect(resumed.reloaded).toHaveLength(1));
    await eventually(() => expect(other.reloaded).toHaveLength(1));
    expect(names.filter((name) => name !== 'reloaded')).toEqual([]);
  });

  it('refuses malformed reports with the failing path and bounds what one page adds to history; the hub still serves', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': sheet('red') }) });
    const page = await connectClient(hub.url!);
    const before = hub.seq;
    const bad: unknown[] = [{}, { message: 'x'.repeat(2001) }, { message: 'm', kind: 'sprite' }, { message: 'm', stack: 's'.repeat(8001) }, { message: 'm', seq: -1 }, 'boom'];
    for (const raw of bad) {
      const ack = await page.socket.emitWithAck('runtime_error', raw as RuntimeError);
      expect(ack).toMatchObject({ ok: false, error: expect.stringContaining('invalid runtime_error report') });
    }
    expect(hub.seq).toBe(before);
    const clients = await json(await fetch(`${hub.url}/clients`), ClientList);
    expect(clients.pages[0]!.failures).toEqual([]);

    // A page in an error loop: 10 a minute reach the history, the rest only its /clients entry.
    for (let i = 0; i < 12; i++) expect(await report(page, { message: `loop ${i}` })).toEqual({ ok: true });
    expect(hub.seq).toBe(before + 10);
    const listed = await json(await fetch(`${hub.url}/clients`), ClientList);
    expect(listed.pages[0]!.failures).toHaveLength(12);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    expect((await fetch(`${hub.url}/assets/style/main.css`)).status).toBe(200);
  });

  it('rolls a version on probation back (reason errors) when its pages report runtime errors for it, like apply_failed', async () => {
    const root = await tempRoot({ 'styles/main.css': sheet('red') });
    const hub = await startHub({ root, healthInterval: 30, probation: 30 });
    const page = await connectClient(hub.url!);
    const served = () => hub.artifacts('style').find((a) => a.id === 'main.css')?.source.version;
    const v1 = served();
    await write(root, 'styles/main.css', sheet('blue'));
    await eventually(() => expect(page.reloaded).toHaveLength(1));
    const v2 = page.reloaded[0]!.version;
    expect(served()).toBe(v2);

    // Not blamed on an artifact, or on another version: nothing is rolled back.
    expect(await report(page, { message: 'ReferenceError: x is not defined' })).toEqual({ ok: true });
    expect(await report(page, { message: 'old', kind: 'style', id: 'main.css', version: v1! })).toEqual({ ok: true });
    expect(served()).toBe(v2);

    expect(await report(page, { message: 'TypeError: theme is undefined', kind: 'style', id: 'main.css', version: v2, source: { url: 'http://app.test/app.js', line: 7 } })).toEqual({ ok: true });
    const rolled = await failure(page, (event) => event.reason !== undefined);
    expect(rolled).toMatchObject({ kind: 'style', id: 'main.css', trigger: 'runtime', rolledBack: true, reason: 'errors' });
    expect(rolled.error.message).toContain('1 of 1 connected pages reported errors running it: TypeError: theme is undefined');
    expect(rolled.error).toMatchObject({ file: 'http://app.test/app.js', line: 7 });
    expect(served()).toBe(v1);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  });
});
