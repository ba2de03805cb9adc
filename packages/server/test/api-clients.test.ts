import {
  ClientList,
  type ClientToServerEvents,
  type Handshake,
  HubStatus,
  type Reloaded,
  ReloadStatistics,
  SOCKET_PATH,
  type ServerToClientEvents,
} from '@hothub/shared';
import { io, type Socket } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { json } from './support/api.js';
import { startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

type PageSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A page as the SDK connects: its handshake, a user agent, and what it received; it acks only when told. */
async function openPage(url: string, auth: Handshake, userAgent = 'test-browser/1.0'): Promise<{ socket: PageSocket; reloaded: Reloaded[] }> {
  const socket: PageSocket = io(url, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false, auth, extraHeaders: { 'user-agent': userAgent } });
  onTestFinished(() => void socket.close());
  const reloaded: Reloaded[] = [];
  socket.on('reloaded', (event) => reloaded.push(event));
  await new Promise<void>((resolve) => socket.once('connected', () => resolve()));
  return { socket, reloaded };
}

const clients = async (url: string, headers: Record<string, string> = {}) => (await json(await fetch(`${url}/clients`, { headers }), ClientList)).pages;
const status = async (url: string) => json(await fetch(`${url}/status`), HubStatus);

describe('GET /clients: the pages the hub serves', () => {
  it('lists a page with its URL, user agent and subscription, and the versions it acknowledged', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const subscribe = { kinds: ['style' as const] };
    const page = await openPage(hub.url!, { lastSeq: 0, page: 'http://127.0.0.1:5173/shop?x=1', subscribe });
    const [listed] = await clients(hub.url!);
    expect(listed).toMatchObject({ url: 'http://127.0.0.1:5173/shop?x=1', userAgent: 'test-browser/1.0', subscription: subscribe, lastSeq: hub.seq, applied: {}, behind: [] });

    await write(root, 'styles/a.css', 'a{color:red}');
    await eventually(() => expect(page.reloaded).toHaveLength(1));
    const event = page.reloaded[0]!;
    // Not acknowledged yet: the page lags the latest version.
    expect((await clients(hub.url!))[0]!.behind).toEqual(['style/a.css']);
    expect((await status(hub.url!)).lagging).toBe(1);

    page.socket.emit('applied', { seq: event.seq });
    await eventually(async () => expect((await clients(hub.url!))[0]!.applied['style/a.css']).toMatchObject({ version: event.version, seq: event.seq }));
    const [after] = await clients(hub.url!);
    expect(after).toMatchObject({ lastSeq: event.seq, behind: [] });
    expect((await status(hub.url!)).lagging).toBe(0);
  });

  it('lists the failures a page reported, and leaves the console out', async () => {
    const root = await tempRoot({ 'components/Card.js': 'export default function Card() { return "x"; }' });
    const hub = await startHub({ root });
    const page = await openPage(hub.url!, { page: 'http://127.0.0.1:3000/' });
    await openPage(hub.url!, { console: true });
    const report = { kind: 'component' as const, id: 'Card', version: 'v1', error: { message: 'Card threw while mounting' } };
    await new Promise((resolve) => page.socket.emit('apply_failed', report, resolve));
    const pages = await clients(hub.url!);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.failures).toEqual([expect.objectContaining({ ...report, at: expect.any(Number) })]);
  });

  it('measures save-to-applied per kind from live acknowledgements, in /reload/statistics and /metrics', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const page = await openPage(hub.url!, {});
    await write(root, 'styles/a.css', 'a{color:red}');
    await eventually(() => expect(page.reloaded).toHaveLength(1));
    page.socket.emit('applied', { seq: page.reloaded[0]!.seq });
    const statistics = await eventually(async () => {
      const body = await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics);
      expect(body.appliedMs.style?.acks).toBe(1);
      return body;
    });
    expect(statistics.appliedMs.style?.p50).toEqual(statistics.appliedMs.style?.p95);
    expect(statistics.appliedMs.style?.p50).toBeGreaterThanOrEqual(0);
    expect(await (await fetch(`${hub.url}/metrics`)).text()).toMatch(/^hothub_save_to_applied_seconds_count\{kind="style"\} 1$/m);
  });

  it('drops malformed and unknown acknowledgements: the hub answers and the last good version still serves', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const page = await openPage(hub.url!, {});
    const send = page.socket.emit.bind(page.socket) as (name: string, ...args: unknown[]) => void;
    for (const bad of [{ seq: 'one' }, { seq: -1 }, { seq: 10_000 }, 'applied', null, { seq: 1.5 }]) send('applied', bad);
    // A valid one after them, so the test knows the bad ones were handled first (same socket, in order).
    page.socket.emit('applied', { seq: 1 });
    await eventually(async () => expect((await clients(hub.url!))[0]!.lastSeq).toBe(1));
    const [listed] = await clients(hub.url!);
    expect(Object.keys(listed!.applied)).toEqual(['style/a.css']);
    expect((await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics)).appliedMs).toEqual({});
    expect(await (await fetch(`${hub.url}/assets/style/a.css`)).text()).toBe('a{}');
  });

  it('takes a burst of acknowledgements (a catch-up acked at once) but disconnects a page sending over 1,000 per second', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}' });
    const hub = await startHub({ root });
    const page = await openPage(hub.url!, {});
    // Far over the 20 events per second other events get (and the 100 that disconnect): acks are counted apart.
    for (let i = 0; i < 150; i++) page.socket.emit('applied', { seq: 1 });
    const report = { kind: 'style' as const, id: 'a.css', error: { message: 'after the burst' } };
    expect(await new Promise((resolve) => page.socket.emit('apply_failed', report, resolve))).toEqual({ ok: true });
    expect(page.socket.connected).toBe(true);
    const flooder = await openPage(hub.url!, {});
    const gone = new Promise((resolve) => flooder.socket.once('disconnect', resolve));
    for (let i = 0; i < 1100; i++) flooder.socket.emit('applied', { seq: 1 });
    expect(await gone).toBe('io server disconnect');
    expect(await (await fetch(`${hub.url}/assets/style/a.css`)).text()).toBe('a{}');
    expect(await clients(hub.url!)).toHaveLength(1);
  });

  it('needs the token when the hub has one', async () => {
    const token = 'clients-token-0123456789';
    const hub = await startHub({ root: await tempRoot(), token });
    expect((await fetch(`${hub.url}/clients`)).status).toBe(401);
    expect((await fetch(`${hub.url}/clients`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(403);
    await openPage(hub.url!, { token, page: 'http://127.0.0.1:3000/' });
    expect(await clients(hub.url!, { authorization: `Bearer ${token}` })).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:3000/' })]);
  });
});
