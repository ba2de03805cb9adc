import { SOCKET_PATH } from '@hothub/shared';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { EventLog } from '../src/pipeline/event-log.js';
import { LocalCatchUp } from '../src/realtime/catch-up.js';
import { about } from './support/api.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

describe('catch-up after a reconnection', () => {
  it('sends exactly the events after the lastSeq a page saw on the same hub', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}', 'styles/b.css': 'b{}' });
    const hub = await startHub({ root });
    const first = await connectClient(hub.url!);
    await write(root, 'styles/a.css', 'a{color:red}');
    await eventually(() => expect(first.reloaded).toHaveLength(1));
    const seen = first.reloaded[0]!.seq;
    first.socket.close();
    await write(root, 'styles/b.css', 'b{color:red}');
    await write(root, 'styles/a.css', 'a{color:blue}');
    await eventually(() => expect(hub.seq).toBe(seen + 2));
    const resumed = await connectClient(hub.url!, { lastSeq: seen, serverId: hub.serverId });
    expect(resumed.reloaded.map((e) => e.seq)).toEqual([seen + 1, seen + 2]);
    expect(resumed.reloaded.map((e) => e.content)).toEqual(['b{color:red}', 'a{color:blue}']);
  });

  it('sends a page that is up to date nothing, and a fresh page nothing', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const upToDate = await connectClient(hub.url!, { lastSeq: hub.seq, serverId: hub.serverId });
    const fresh = await connectClient(hub.url!);
    expect([upToDate.reloaded, fresh.reloaded]).toEqual([[], []]);
  });

  it('sends a snapshot of every current version to a page that last saw another hub', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}', 'themes/dark.json': '{"bg":"#000"}', 'styles/b.css': 'b{}' });
    const hub = await startHub({ root });
    await write(root, 'styles/a.css', 'a{color:red}');
    await eventually(() => expect(hub.seq).toBe(4));
    const client = await connectClient(hub.url!, { lastSeq: 99, serverId: 'an-old-hub' });
    const latest = client.reloaded.map((e) => [e.kind, e.id, e.content]);
    expect(latest).toEqual(
      expect.arrayContaining([
        ['style', 'b.css', 'b{}'],
        ['theme', 'dark', ':root {\n  --bg: #000;\n}\n'],
        ['style', 'a.css', 'a{color:red}'],
      ]),
    );
    expect(latest).toHaveLength(3);
    const seqs = client.reloaded.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('sends a snapshot, with a failure still standing, to a page whose lastSeq this hub never sent', async () => {
    const root = await tempRoot({ 'themes/dark.json': '{"bg":"#000"}' });
    const hub = await startHub({ root });
    await write(root, 'themes/dark.json', '{"bg": true}');
    await eventually(() => expect(hub.seq).toBe(2));
    // seq 5 was never sent by this hub: the page's numbers cannot be trusted.
    const client = await connectClient(hub.url!, { lastSeq: 5, serverId: hub.serverId });
    expect(client.reloaded.map((e) => e.id)).toEqual(['dark']);
    expect(client.failed.map((e) => e.error.message)).toEqual([expect.stringContaining('at bg')]);
  });
});

describe('subscriptions', () => {
  it('sends a page only the kinds and artifacts it subscribed to', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}', 'styles/b.css': 'b{}', 'themes/dark.json': '{}' });
    const hub = await startHub({ root });
    const themes = await connectClient(hub.url!, { subscribe: { kinds: ['theme'] } });
    const onlyB = await connectClient(hub.url!, { subscribe: { ids: ['style/b.css'] } });
    const everything = await connectClient(hub.url!);
    const both = await connectClient(hub.url!, { subscribe: { kinds: ['style'], ids: ['style/b.css'] } });
    await write(root, 'styles/a.css', 'a{color:red}');
    await write(root, 'styles/b.css', 'b{color:red}');
    await write(root, 'themes/dark.json', '{"bg":"#111"}');
    await eventually(() => expect(everything.reloaded).toHaveLength(3));
    await eventually(() => expect(both.reloaded).toHaveLength(2));
    expect(themes.reloaded.map((e) => e.id)).toEqual(['dark']);
    expect(onlyB.reloaded.map((e) => e.id)).toEqual(['b.css']);
    expect(both.reloaded.map((e) => e.id).sort()).toEqual(['a.css', 'b.css']);
  });

  it('refuses a handshake that does not match the schema, naming the path', async () => {
    const root = await tempRoot();
    const hub = await startHub({ root });
    const socket = io(hub.url!, { path: SOCKET_PATH, transports: ['websocket'], auth: { subscribe: { kinds: ['sprite'] } } });
    onTestFinished(() => void socket.close());
    const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    expect(error.message).toMatch(/^invalid handshake at subscribe\.kinds\[0\]: /);
  });
});

describe('apply_failed reports', () => {
  it('records a valid report in the hub history and answers ok', async () => {
    const root = await tempRoot();
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const emitted: unknown[] = [];
    hub.on('client_failed', (failure) => emitted.push(failure));
    const report = { kind: 'component' as const, id: 'counter', version: 'v2', error: { message: 'boom', line: 3 }, page: 'http://app/' };
    const ack = await client.socket.emitWithAck('apply_failed', report);
    expect(ack).toEqual({ ok: true });
    expect(hub.clientFailures()).toEqual([{ ...report, ts: expect.any(Number), socketId: client.socket.id }]);
    expect(emitted).toEqual(hub.clientFailures());
  });

  it('answers a malformed report with the failing path and records nothing', async () => {
    const root = await tempRoot();
    const hub = await startHub({ root });
    const socket = io(hub.url!, { path: SOCKET_PATH, transports: ['websocket'] });
    onTestFinished(() => void socket.close());
    const ack: unknown = await socket.emitWithAck('apply_failed', { kind: 'component', id: 'x', error: { line: 'one' } });
    expect(ack).toEqual({ ok: false, error: expect.stringMatching(/^invalid apply_failed report at error\.(message|line): /) });
    socket.emit('apply_failed', 'not even an object');
    const again: unknown = await socket.emitWithAck('apply_failed', null);
    expect(again).toMatchObject({ ok: false });
    expect(hub.clientFailures()).toEqual([]);
  });
});

describe('unknown events from a page', () => {
  it('are answered with an error naming the event, and the hub keeps serving the socket', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a{}' });
    const hub = await startHub({ root });
    const socket = io(hub.url!, { path: SOCKET_PATH, transports: ['websocket'] });
    onTestFinished(() => void socket.close());
    const contents: unknown[] = [];
    socket.on('reloaded', (event: { content?: string }) => contents.push(event.content));
    const ack: unknown = await socket.emitWithAck('reload_everything', { please: true });
    expect(ack).toEqual({ ok: false, error: expect.stringContaining('unknown event "reload_everything"') });
    socket.emit('no_ack_either', 1);
    await write(root, 'styles/main.css', 'b{}');
    await eventually(() => expect(contents).toContain('b{}'));
    expect(hub.clientFailures()).toEqual([]);
  });
});

describe('LocalCatchUp', () => {
  it('sends a snapshot of what changed after lastSeq once the log has dropped events the page missed', () => {
    const log = new EventLog(2);
    const catchUp = new LocalCatchUp(log);
    const send = (id: string, version: string) => {
      const event = log.reloaded({ kind: 'style', id, version, trigger: 'file', durationMs: 1 });
      catchUp.observe(event);
    };
    send('a.css', 'a1');
    send('b.css', 'b1');
    send('c.css', 'c1');
    send('a.css', 'a2');
    send('c.css', 'c2');
    // The page saw seq 1; the log keeps only 4 and 5, so 2 (b1) would be lost without the snapshot.
    const events = catchUp.catchUp({ lastSeq: 1, serverId: log.id });
    expect(events.map((e) => [about(e).id, e.payload.seq])).toEqual([
      ['b.css', 2],
      ['a.css', 4],
      ['c.css', 5],
    ]);
    expect(catchUp.catchUp({ lastSeq: 3, serverId: log.id }).map((e) => e.payload.seq)).toEqual([4, 5]);
  });
});
