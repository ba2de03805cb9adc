import { setTimeout as pause } from 'node:timers/promises';
import { type ApplyFailedAck, type Connected, type Handshake, SOCKET_PATH } from '@hothub/shared';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listen } from '../src/http/listen.js';
import { connectClient, type RecordingClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { frame, rawConnection, rawWebSocket } from './support/raw-socket.js';
import { tempRoot, write } from './support/temp-root.js';

const TOKEN = 'socket-token-0123456789';

type Outcome = { connected: Connected } | { refused: string };

/** One handshake, no reconnection, optionally from another loopback address; resolves with `connected` or the refusal. */
function attempt(url: string, auth: Handshake, localAddress?: string): Promise<Outcome> {
  // engine.io-client hands `localAddress` to the WebSocket (its types leave it out).
  const options = { path: SOCKET_PATH, transports: ['websocket'], auth, reconnection: false, ...(localAddress ? { localAddress } : {}) };
  const socket = io(url, options);
  onTestFinished(() => void socket.close());
  return new Promise((resolve) => {
    socket.on('connected', (connected) => resolve({ connected }));
    socket.on('connect_error', (error) => resolve({ refused: error.message }));
  });
}

/** A save reaches `client` as `reloaded` with the new content, and `/health` still answers 200. */
async function stillServes(url: string, root: string, client: RecordingClient, css: string): Promise<void> {
  await write(root, 'styles/a.css', css);
  await eventually(() => expect(client.reloaded.map((e) => e.content)).toContain(css));
  expect((await fetch(`${url}/health`)).status).toBe(200);
  expect(await (await fetch(`${url}/assets/style/a.css`)).text()).toBe(css);
}

function disconnected(client: RecordingClient): Promise<string> {
  return new Promise((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
}

const report = { kind: 'style', id: 'a.css', error: { message: 'failed to apply' } } as const;

describe('socket limits', () => {
  it('after too many failed token checks from an address, refuses even the right token from it; another address connects', async () => {
    const hub = await startHub({ root: await tempRoot(), token: TOKEN, rateLimit: { max: 5, windowS: 60 } });
    for (let i = 0; i < 5; i++) expect(await attempt(hub.url!, { token: `guess-${i}` })).toEqual({ refused: 'unauthorized: the token is not valid' });
    const throttled = { refused: expect.stringMatching(/^too many failed handshakes from this address; retry in \d+ s$/) };
    expect(await attempt(hub.url!, { token: 'guess-5' })).toEqual(throttled);
    expect(await attempt(hub.url!, { token: TOKEN })).toEqual(throttled);
    expect(await attempt(hub.url!, { token: TOKEN }, '127.0.0.2')).toMatchObject({ connected: { serverId: hub.serverId } });
  });

  it('refuses a handshake subscribing to more than 256 ids or to an id over 200 characters, naming the failing path', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const ids = (count: number, length: number) => Array.from({ length: count }, (_, i) => `style/${String(i).padStart(length - 6, '0')}`);
    expect(await attempt(hub.url!, { subscribe: { ids: ids(257, 20) } })).toEqual({ refused: expect.stringMatching(/^invalid handshake at subscribe\.ids: /) });
    expect(await attempt(hub.url!, { subscribe: { ids: ids(1, 201) } })).toEqual({ refused: expect.stringMatching(/^invalid handshake at subscribe\.ids\[0\]: /) });
    expect(await attempt(hub.url!, { subscribe: { ids: ids(256, 200) } })).toHaveProperty('connected');
    await stillServes(hub.url!, root, await connectClient(hub.url!), 'a{color:red}');
  });

  it('refuses a socket over 20 events per second and disconnects a flooding one; the other pages still get their reloaded', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const recorded: unknown[] = [];
    hub.on('client_failed', (failure) => recorded.push(failure));
    const [flooder, other] = [await connectClient(hub.url!), await connectClient(hub.url!)];
    const acks: ApplyFailedAck[] = [];
    const gone = disconnected(flooder);
    for (let i = 0; i < 1000; i++) flooder.socket.emit('apply_failed', report, (ack) => acks.push(ack));
    expect(await gone).toBe('io server disconnect');
    expect(acks).toContainEqual({ ok: false, error: expect.stringMatching(/^too many events: more than 20 events per second from this socket; "apply_failed" was dropped/) });
    expect(recorded.length).toBeLessThanOrEqual(40);
    await stillServes(hub.url!, root, other, 'a{color:blue}');
  });

  it('gives a page resuming under a made-up serverId a snapshot whose inline content stays within 256 KB', async () => {
    const root = await tempRoot();
    const hub = await startHub({ root });
    const watcher = await connectClient(hub.url!);
    const sheet = (i: number) => `.s${i}{color:red}/*${'x'.repeat(60_000)}*/`;
    for (let i = 0; i < 6; i++) await write(root, `styles/s${i}.css`, sheet(i));
    await eventually(() => expect(watcher.reloaded).toHaveLength(6));
    for (const auth of [{ serverId: 'made-up', lastSeq: 99 }, { serverId: hub.serverId, lastSeq: 0 }]) {
      const page = await connectClient(hub.url!, auth);
      await eventually(() => expect(page.reloaded).toHaveLength(6));
      const inline = page.reloaded.reduce((sum, e) => sum + Buffer.byteLength(e.content ?? ''), 0);
      expect(inline).toBeLessThanOrEqual(256 * 1024);
      expect(page.reloaded.filter((e) => e.content === undefined).length).toBeGreaterThan(0);
      for (const event of page.reloaded) expect(event.url).toMatch(/^\/assets\/style\/s\d\.css/);
    }
  });

  it('closes a socket that sends a packet over 64 KB (here 100 KB: socket.io alone allows 1 MB); the hub and the other sockets carry on', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const [big, other] = [await connectClient(hub.url!), await connectClient(hub.url!)];
    const gone = disconnected(big);
    big.socket.emit('apply_failed', { ...report, error: { message: 'x'.repeat(100_000) } }, () => undefined);
    expect(await gone).toBe('transport close');
    await stillServes(hub.url!, root, other, 'a{color:green}');
  });

  it('stays up when a raw WebSocket sends malformed engine.io and socket.io packets', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const other = await connectClient(hub.url!);
    const ws = await rawWebSocket(hub.url!);
    for (const packet of ['', '9', '4', '40{', '42[', '42["apply_failed",', '4garbage', '451-["x",{"_placeholder":true,"num":9}]', '40{"lastSeq":-1}']) {
      ws.send(frame(packet));
    }
    ws.send(frame(Buffer.of(0xff, 0x00, 0x01), 2));
    ws.send(Buffer.of(0x83, 0x80, 0, 0, 0, 0)); // reserved opcode: not a WebSocket frame
    await ws.closed;
    await stillServes(hub.url!, root, other, 'a{color:teal}');
    expect(await attempt(hub.url!, {})).toHaveProperty('connected');
  });

  it('answers 408 and closes a client that sends its headers slowly; the server keeps answering', async () => {
    const http = await listen((_, res) => res.end('ok'), 0, '127.0.0.1', { headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 50 });
    onTestFinished(() => void http.close());
    const { port } = http.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const { socket, closed } = rawConnection(url);
    let answer = '';
    socket.on('data', (data) => (answer += data.toString()));
    let isClosed = false;
    void closed.then(() => (isClosed = true));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // A slowloris client: one header line every 50 ms, never the blank line; at most 200 lines (10 s).
    for (let line = 0; line < 200 && !isClosed; line++) {
      socket.write(`X-Slow-${line}: 1\r\n`);
      await pause(50);
    }
    expect(isClosed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(await (await fetch(url)).text()).toBe('ok');
  });
});
