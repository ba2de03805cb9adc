import { ClientList, PublishResult, ReloadHistory, ReloadStatistics } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { type Hub, PublishRefused } from '../src/index.js';
import { expectError, json, post, snapshot } from './support/api.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot } from './support/temp-root.js';

const sheet = 'body { color: red; }\n';

describe('app events (issue 17): publishing', () => {
  it('publishes over HTTP and in process on the reload seq; history lists them; statistics do not count them as reloads', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': sheet }) });
    const page = await connectClient(hub.url!);
    const heard: unknown[] = [];
    hub.on('published', (event) => heard.push(event.data));
    const before = hub.seq;

    const res = await post(`${hub.url}/publish`, { topic: 'cart', data: { items: 2 }, triggeredBy: 'checkout' });
    expect(res.status).toBe(200);
    const { seq } = await json(res, PublishResult);
    expect(seq).toBe(before + 1);
    const inProcess = await hub.publish('orders:new', [1, 'a', null], { triggeredBy: 'worker' });
    expect(inProcess.seq).toBe(before + 2);

    await eventually(() => expect(page.published.map((e) => [e.seq, e.topic])).toEqual([[seq, 'cart'], [seq + 1, 'orders:new']]));
    expect(page.published[0]).toMatchObject({ data: { items: 2 }, triggeredBy: 'checkout' });
    expect(heard).toEqual([{ items: 2 }, [1, 'a', null]]);
    expect(hub.seq).toBe(before + 2);

    const history = await json(await fetch(`${hub.url}/reload/history`), ReloadHistory);
    expect(history.events.slice(0, 2).map((e) => e.name)).toEqual(['published', 'published']);
    // An application event has no kind, outcome or trigger: those filters leave it out.
    const failures = await json(await fetch(`${hub.url}/reload/history?success=false`), ReloadHistory);
    expect(failures.events.filter((e) => e.name === 'published')).toEqual([]);
    const styles = await json(await fetch(`${hub.url}/reload/history?kind=style`), ReloadHistory);
    expect(styles.events.every((e) => e.name === 'reloaded')).toBe(true);
    const statistics = await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics);
    expect(statistics.total).toBe(1);
  });

  it('refuses a bad topic, missing or oversized data, non-JSON data in process; nothing is numbered and the hub still serves', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': sheet }) });
    const page = await connectClient(hub.url!);
    const before = snapshot(hub);

    await expectError(await post(`${hub.url}/publish`, { topic: 'my cart', data: 1 }), 400, 'invalid_body');
    await expectError(await post(`${hub.url}/publish`, { topic: '-x', data: 1 }), 400, 'invalid_body');
    const missing = await expectError(await post(`${hub.url}/publish`, { topic: 'cart' }), 400, 'invalid_body');
    expect(missing.error.message).toContain('data');
    await expectError(await post(`${hub.url}/publish`, { topic: 'cart', data: 1, extra: 1 }), 400, 'invalid_body');
    await expectError(await post(`${hub.url}/publish`, '{"topic": "cart", "data": '), 400, 'malformed_json');
    const big = await expectError(await post(`${hub.url}/publish`, { topic: 'cart', data: 'x'.repeat(16 * 1024) }), 413, 'too_large');
    expect(big.error.message).toContain('16384-byte limit');
    await expectError(await fetch(`${hub.url}/publish`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');

    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const bad: Array<[unknown, RegExp]> = [
      [undefined, /data is undefined/],
      [{ f: () => 1 }, /data\.f is a function/],
      [{ n: 10n }, /data\.n is a bigint/],
      [[Number.NaN], /data\[0\] is NaN/],
      [cycle, /data\.self refers back to itself/],
      [{ at: new Date(0) }, /data\.at is a Date/],
      [{ s: Symbol('x') }, /data\.s is a symbol/],
    ];
    for (const [data, message] of bad) {
      const thrown = await hub.publish('cart', data).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(PublishRefused);
      expect(thrown).toMatchObject({ status: 400, code: 'not_json', message: expect.stringMatching(message) });
    }
    await expect(hub.publish('cart', 'x'.repeat(20_000))).rejects.toMatchObject({ status: 413 });
    await expect(hub.publish('no spaces', 1)).rejects.toMatchObject({ status: 400, code: 'invalid' });

    expect(snapshot(hub)).toEqual(before);
    expect(page.published).toEqual([]);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    // The last good state still serves, and a good publish still goes through.
    expect((await fetch(`${hub.url}/assets/style/main.css`)).status).toBe(200);
    expect((await post(`${hub.url}/publish`, { topic: 'cart', data: 0 })).status).toBe(200);
    await eventually(() => expect(page.published).toHaveLength(1));
  });

  it('rate-limits publishers per address (429, its own window) and requires the token when the hub has one', async () => {
    const token = 'publish-secret-token-0123456789';
    const hub = await startHub({ root: await tempRoot(), token, rateLimit: { max: 3, windowS: 60 } });
    const auth = { authorization: `Bearer ${token}` };
    await expectError(await post(`${hub.url}/publish`, { topic: 'cart', data: 1 }), 401, 'unauthorized');
    await expectError(await post(`${hub.url}/publish`, { topic: 'cart', data: 1 }, { authorization: 'Bearer wrong' }), 403, 'forbidden');
    expect((await post(`${hub.url}/publish`, { topic: 'cart', data: 1 }, auth)).status).toBe(200);
    // The refused ones count too (token guessing is throttled): the fourth is over the limit of 3.
    const limited = await post(`${hub.url}/publish`, { topic: 'cart', data: 2 }, auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    // POST /reload keeps its own window: publishing did not use it up.
    expect((await post(`${hub.url}/reload`, { target: 'all' }, auth)).status).toBe(200);
    expect(hub.seq).toBe(1);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);

    const open = await startHub({ root: await tempRoot(), token, rateLimit: { max: 1, windowS: 60 } });
    expect((await post(`${open.url}/publish`, { topic: 'cart', data: 1 }, auth)).status).toBe(200);
    await expectError(await post(`${open.url}/publish`, { topic: 'cart', data: 2 }, auth), 429, 'rate_limited');
  });

  it('typed topics validate data with any Standard Schema before publishing (zod classic and mini)', async () => {
    const hub = await startHub({ root: await tempRoot() });
    const page = await connectClient(hub.url!);
    const topics = hub.topics({ cart: z.object({ items: z.number().int() }), 'build/status': zm.enum(['ok', 'failed']) });
    await topics.publish('cart', { items: 3 });
    await topics.publish('build/status', 'ok');
    // @ts-expect-error: not a declared topic
    await expect(topics.publish('orders', {})).rejects.toMatchObject({ status: 400, message: expect.stringContaining('not one of hub.topics()') });
    // @ts-expect-error: items must be a number
    await expect(topics.publish('cart', { items: 'three' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('at items') });
    await eventually(() => expect(page.published.map((e) => e.data)).toEqual([{ items: 3 }, 'ok']));
    expect(() => hub.topics({ 'bad topic': z.string() })).toThrow(/hub.topics/);
  });
});

describe('app events (issue 17): topics', () => {
  it('sends a published event to the pages that chose its topic or none, and the topics event changes the choice', async () => {
    const hub = await startHub({ root: await tempRoot() });
    const cart = await connectClient(hub.url!, { topics: ['cart'] });
    const all = await connectClient(hub.url!);
    const orders = await connectClient(hub.url!, { topics: ['orders'] });
    await hub.publish('cart', 1);
    await hub.publish('orders', 2);
    await eventually(() => expect(all.published).toHaveLength(2));
    await eventually(() => expect(orders.published.map((e) => e.data)).toEqual([2]));
    expect(cart.published.map((e) => e.data)).toEqual([1]);

    expect(await orders.socket.emitWithAck('topics', { topics: ['cart', 'news'] })).toEqual({ ok: true });
    expect(await cart.socket.emitWithAck('topics', { topics: [] })).toEqual({ ok: true });
    const refused = await all.socket.emitWithAck('topics', { topics: ['no spaces'] });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('topics[0]') });
    await hub.publish('cart', 3);
    await hub.publish('orders', 4);
    await eventually(() => expect(cart.published.map((e) => e.data)).toEqual([1, 3, 4]));
    await eventually(() => expect(orders.published.map((e) => e.data)).toEqual([2, 3]));
    // A refused request leaves the page's choice as it was (every topic).
    await eventually(() => expect(all.published.map((e) => e.data)).toEqual([1, 2, 3, 4]));

    const clients = await json(await fetch(`${hub.url}/clients`), ClientList);
    const listed = clients.pages.map((p) => [p.id, p.topics]);
    expect(listed).toContainEqual([orders.socket.id, ['cart', 'news']]);
    expect(listed).toContainEqual([cart.socket.id, undefined]);
  });

  it('refuses a handshake with more than 64 topics or a bad one; the hub still serves', async () => {
    const hub = await startHub({ root: await tempRoot() });
    const many = Array.from({ length: 65 }, (_, i) => `t${i}`);
    await expect(connectClientOrError(hub.url!, { topics: many })).resolves.toContain('topics');
    await expect(connectClientOrError(hub.url!, { topics: ['a b'] })).resolves.toContain('topics[0]');
    const page = await connectClient(hub.url!, { topics: ['cart'] });
    await hub.publish('cart', 1);
    await eventually(() => expect(page.published).toHaveLength(1));
  });
});

describe('app events (issue 17): catch-up', () => {
  it('replays missed published events of the page topics exactly once after a drop', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': sheet }) });
    const { lastSeq, serverId } = await pageThatLeft(hub, ['cart']);
    await hub.publish('cart', 2);
    await hub.publish('orders', 'not mine');
    await hub.publish('cart', 3);
    const back = await connectClient(hub.url!, { topics: ['cart'], lastSeq, serverId });
    await eventually(() => expect(back.published.map((e) => e.data)).toEqual([2, 3]));
    const resumed = back.published.at(-1)!.seq;
    back.socket.close();

    // Resuming from the last one it got: nothing again.
    const again = await connectClient(hub.url!, { topics: ['cart'], lastSeq: resumed, serverId });
    await hub.publish('cart', 4);
    await eventually(() => expect(again.published.map((e) => e.data)).toEqual([4]));
    // A page from another numbering gets a snapshot: the serving versions, no old application event.
    const stranger = await connectClient(hub.url!, { lastSeq: 1, serverId: 'other' });
    await hub.publish('cart', 5);
    await eventually(() => expect(stranger.published.map((e) => e.data)).toEqual([5]));
    expect(stranger.reloaded.map((e) => e.id)).toEqual(['main.css']);
  });

  it('replays them once across a hub restart on the same root (.hothub/history.jsonl)', async () => {
    const root = await tempRoot({ 'styles/main.css': sheet });
    const hub = await startHub({ root });
    const { lastSeq, serverId } = await pageThatLeft(hub);
    await hub.publish('cart', 2);
    await hub.stop();

    const restarted = await startHub({ root });
    expect(restarted.serverId).toBe(serverId);
    const back = await connectClient(restarted.url!, { lastSeq, serverId });
    await eventually(() => expect(back.published.map((e) => [e.data, e.seq])).toEqual([[2, lastSeq + 1]]));
    await restarted.publish('cart', 3);
    await eventually(() => expect(back.published.map((e) => e.data)).toEqual([2, 3]));
    expect(back.published[1]!.seq).toBe(lastSeq + 2);
    const history = await json(await fetch(`${restarted.url}/reload/history`), ReloadHistory);
    expect(history.events.filter((e) => e.name === 'published')).toHaveLength(3);
  });
});

/** A page that got `cart` 1 and then went away: where it would resume from. */
async function pageThatLeft(hub: Hub, topics?: string[]): Promise<{ lastSeq: number; serverId: string }> {
  const page = await connectClient(hub.url!, topics ? { topics } : {});
  await hub.publish('cart', 1);
  await eventually(() => expect(page.published).toHaveLength(1));
  page.socket.close();
  return { lastSeq: page.published[0]!.seq, serverId: page.connected[0]!.serverId };
}

/** Connects expecting the hub to refuse the handshake: resolves with its message. */
async function connectClientOrError(url: string, auth: Record<string, unknown>): Promise<string> {
  const { io } = await import('socket.io-client');
  const { SOCKET_PATH } = await import('@hothub/shared');
  const socket = io(url, { path: SOCKET_PATH, transports: ['websocket'], auth, reconnection: false });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.on('connect_error', (error) => resolve(error.message));
      socket.on('connected', () => reject(new Error('the hub accepted the handshake')));
    });
  } finally {
    socket.close();
  }
}
