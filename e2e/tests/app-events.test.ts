import { createHub } from 'hothub';
import type { Page } from 'playwright-core';
import type { ClientList } from '@hothub/shared';
import { expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../packages/server/test/support/free-port.js';
import { sdkTag, startedUrl } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';
import { startNetworkLink } from '../support/network-link.js';

// Issue 17: application events (`hub.publish`, `POST /publish`) on the numbered log, in pages on the app's own server.

type Seen = { topic: string; data: unknown; seq: number };

/** Opens `url` and records, in the page, every `published` event and the data of each topic in `topics`. */
async function openRecording(url: string, topics: string[]): Promise<Page> {
  const page = await newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.evaluate((names) => {
    const state = { all: [] as Seen[], topics: [] as Seen[] };
    Object.assign(window, { seen: state });
    window.hothub!.on('published', (e) => state.all.push({ topic: e.topic, data: e.data, seq: e.seq }));
    for (const name of names) window.hothub!.subscribe(name, (data, e) => state.topics.push({ topic: name, data, seq: e.seq }));
  }, topics);
  return page;
}

const seen = (page: Page, which: 'all' | 'topics') => page.evaluate((w) => (window as unknown as { seen: Record<string, Seen[]> }).seen[w]!, which);
const dataOf = async (page: Page) => (await seen(page, 'topics')).map((e) => e.data);

async function publish(hubUrl: string, topic: string, data: unknown): Promise<number> {
  const res = await fetch(`${hubUrl}/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ topic, data }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { seq: number }).seq;
}

it('POST /publish reaches a page subscribed to the topic, and not a page subscribed to another', async () => {
  const { hub } = await startDemoHub();
  const hubUrl = startedUrl(hub);
  const app = await startAppServer({ '/': ['text/html', `<h1>shop</h1>${sdkTag(hub)}`] });
  const cartPage = await openRecording(`${app}/`, ['cart']);
  const newsPage = await openRecording(`${app}/`, ['news']);
  // The hub has both pages' topics before anything is published.
  await expect
    .poll(async () => ((await (await fetch(`${hubUrl}/clients`)).json()) as ClientList).pages.map((p) => p.topics?.join()).sort())
    .toEqual(['cart', 'news']);

  await publish(hubUrl, 'cart', { items: 3 });
  await publish(hubUrl, 'news', 'sale today');
  await expect.poll(() => dataOf(cartPage)).toEqual([{ items: 3 }]);
  await expect.poll(() => dataOf(newsPage)).toEqual(['sale today']);
  // The news event came after the cart one: had the cart event reached this page, it would be here by now.
  expect((await seen(newsPage, 'all')).map((e) => e.topic)).toEqual(['news']);
  expect((await seen(cartPage, 'all')).map((e) => e.topic)).toEqual(['cart']);
});

it('gets each event published while it was offline exactly once when it reconnects, across a hub restart too', async () => {
  const port = await freePort();
  const { hub, root } = await startDemoHub({ port });
  const link = await startNetworkLink(startedUrl(hub));
  const app = await startAppServer({ '/': ['text/html', `<h1>shop</h1>${sdkTag(link)}`] });
  const page = await openRecording(`${app}/`, ['cart']);
  await page.evaluate(() => (window.marker = 'same page'));
  await expect.poll(async () => ((await (await fetch(`${link.url}/clients`)).json()) as ClientList).pages[0]?.topics).toEqual(['cart']);

  await hub.publish('cart', { n: 1 });
  await expect.poll(() => dataOf(page)).toEqual([{ n: 1 }]);

  // A dropped network: one event missed.
  link.cut();
  await page.waitForFunction(() => window.hothub?.connected === false);
  await hub.publish('cart', { n: 2 });
  link.restore();
  await expect.poll(() => dataOf(page), { timeout: 20_000 }).toEqual([{ n: 1 }, { n: 2 }]);

  // Offline across a restart: one event from the old hub, one from the new one (same root: same history).
  link.cut();
  await page.waitForFunction(() => window.hothub?.connected === false);
  await hub.publish('cart', { n: 3 });
  await hub.stop();
  const restarted = createHub({ root, port, host: '127.0.0.1', logLevel: 'warn' });
  onTestFinished(() => restarted.stop());
  await restarted.start();
  await restarted.publish('cart', { n: 4 });
  link.restore();
  await expect.poll(() => dataOf(page), { timeout: 20_000 }).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);

  // A live one after the catch-up: nothing came twice, in order, on the same page.
  await restarted.publish('cart', { n: 5 });
  await expect.poll(() => dataOf(page)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
  const seqs = (await seen(page, 'topics')).map((e) => e.seq);
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  expect(await page.evaluate(() => window.marker)).toBe('same page');
});
