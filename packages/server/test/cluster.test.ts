import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { logCount, startCluster, startClusterHub, takeovers } from './support/cluster.js';
import { eventually } from './support/poll.js';
import { SeqClient } from './support/seq-client.js';
import { write } from './support/temp-root.js';

/** Hub processes start, elect and fail over in seconds: give each test room. */
const CLUSTER_TEST_MS = 40_000;

async function clientsOn(urls: string[]): Promise<SeqClient[]> {
  return Promise.all(
    urls.map(async (url) => {
      const client = new SeqClient();
      await client.connect(url);
      return client;
    }),
  );
}

async function served(url: string, path: string): Promise<string> {
  return (await fetch(`${url}/assets/style/${path}`)).text();
}

describe('hubs on one Redis', () => {
  it(
    'an edit made once reaches the pages of every hub, numbered once, and every hub serves it',
    async () => {
      const { root, hubs } = await startCluster(3, { 'styles/main.css': 'a { color: red }' });
      expect(hubs.map(takeovers)).toEqual([1, 0, 0]);
      const clients = await clientsOn(hubs.map((h) => h.url));
      await write(root, 'styles/main.css', 'a { color: green }');
      await eventually(() => {
        for (const client of clients) expect(client.contents('main.css')).toEqual(['a { color: green }']);
      }, 10_000);
      expect(new Set(clients.map((c) => c.applied[0]!.seq)).size).toBe(1);
      for (const hub of hubs) expect(await served(hub.url, 'main.css')).toBe('a { color: green }');
      expect(clients.flatMap((c) => c.repeated)).toEqual([]);
    },
    CLUSTER_TEST_MS,
  );

  it(
    'when the leader dies another hub takes over and an edit still reaches every remaining page',
    async () => {
      const { root, hubs } = await startCluster(3, { 'styles/main.css': 'a { color: red }' });
      const [leader, ...others] = hubs;
      const clients = await clientsOn(others.map((h) => h.url));
      await write(root, 'styles/main.css', 'a { color: green }');
      await eventually(() => {
        for (const client of clients) expect(client.contents('main.css')).toEqual(['a { color: green }']);
      }, 10_000);
      const before = clients[0]!.applied[0]!.seq;

      const exited = once(leader!.run.child, 'exit');
      leader!.run.child.kill('SIGKILL');
      await exited;
      // Saved before any hub took over: the new leader runs it when it does.
      await write(root, 'styles/main.css', 'a { color: blue }');
      await eventually(() => {
        for (const client of clients) expect(client.contents('main.css')).toEqual(['a { color: green }', 'a { color: blue }']);
      }, 15_000);
      expect(others.map(takeovers).sort()).toEqual([0, 1]);
      expect(new Set(clients.map((c) => c.applied[1]!.seq))).toEqual(new Set([clients[0]!.applied[1]!.seq]));
      expect(clients[0]!.applied[1]!.seq).toBeGreaterThan(before);
      for (const hub of others) expect(await served(hub.url, 'main.css')).toBe('a { color: blue }');
    },
    CLUSTER_TEST_MS,
  );

  it(
    'while Redis is away every hub serves its own pages and logs it once; back, they rejoin and number above every seq sent',
    async () => {
      const { redis, root, hubs } = await startCluster(2, { 'styles/main.css': 'a { color: red }' });
      const clients = await clientsOn(hubs.map((h) => h.url));

      await redis.stop();
      await eventually(() => {
        for (const hub of hubs) expect(logCount(hub, 'lost Redis')).toBe(1);
      });
      await write(root, 'styles/main.css', 'a { color: green }');
      await eventually(() => {
        for (const client of clients) expect(client.contents('main.css')).toEqual(['a { color: green }']);
      }, 10_000);
      const highest = Math.max(...clients.map((c) => c.applied[0]!.seq));

      await redis.start();
      // One hub wins the lease again: the first leader's start plus one takeover.
      // Each hub reconnects on its own schedule: the takeover can be logged before the other hub is back.
      await eventually(() => {
        expect(hubs.map(takeovers).reduce((a, b) => a + b)).toBe(2);
        for (const hub of hubs) expect(logCount(hub, 'connected to Redis')).toBe(2);
      }, 15_000);
      await write(root, 'styles/main.css', 'a { color: blue }');
      await eventually(() => {
        for (const client of clients) expect(client.contents('main.css')).toEqual(['a { color: green }', 'a { color: blue }']);
      }, 10_000);
      const after = clients.map((c) => c.applied[1]!.seq);
      expect(new Set(after).size).toBe(1);
      expect(after[0]).toBeGreaterThan(highest);
      for (const hub of hubs) expect(logCount(hub, 'lost Redis')).toBe(1);
    },
    CLUSTER_TEST_MS,
  );

  it(
    'a page that misses 5 edits and comes back on another hub gets all 5, each applied once',
    async () => {
      const files = Object.fromEntries([0, 1, 2, 3, 4, 5].map((n) => [`styles/s${n}.css`, `.s${n} { order: 0 }`]));
      const { root, hubs } = await startCluster(2, files);
      const [first, second] = hubs;
      const [page, witness] = await clientsOn([first!.url, second!.url]);
      await write(root, 'styles/s0.css', '.s0 { order: 1 }');
      await eventually(() => expect(page!.contents('s0.css')).toEqual(['.s0 { order: 1 }']), 10_000);
      page!.disconnect();
      for (const n of [1, 2, 3, 4, 5]) {
        await write(root, `styles/s${n}.css`, `.s${n} { order: 1 }`);
        // One edit at a time, so none is coalesced with the next.
        await eventually(() => expect(witness!.contents(`s${n}.css`)).toEqual([`.s${n} { order: 1 }`]), 10_000);
      }
      await page!.connect(second!.url);
      await eventually(() => expect(page!.applied).toHaveLength(6));
      expect(page!.applied.map((e) => [e.id, e.content])).toEqual([0, 1, 2, 3, 4, 5].map((n) => [`s${n}.css`, `.s${n} { order: 1 }`]));
      expect(page!.applied.map((e) => e.seq)).toEqual(witness!.applied.map((e) => e.seq));
      expect(page!.repeated).toEqual([]);
    },
    CLUSTER_TEST_MS,
  );

  it(
    'a hub started while Redis is down serves alone, says so once, and joins when Redis comes up',
    async () => {
      const { redis, root, hubs } = await startCluster(1, { 'styles/main.css': 'a { color: red }' });
      await redis.stop();
      const late = await startClusterHub(root, redis.url);
      // stderr and stdout are separate pipes: the warning may arrive after the listening line.
      await eventually(() => expect(logCount(late, 'cannot reach Redis')).toBe(1));
      const [client] = await clientsOn([late.url]);
      await write(root, 'styles/main.css', 'a { color: green }');
      await eventually(() => expect(client!.contents('main.css')).toEqual(['a { color: green }']), 10_000);
      expect(await served(late.url, 'main.css')).toBe('a { color: green }');

      await redis.start();
      await eventually(() => expect(logCount(late, 'connected to Redis')).toBe(1), 10_000);
      await eventually(() => expect(takeovers(late) + takeovers(hubs[0]!)).toBe(2), 15_000);
      await write(root, 'styles/main.css', 'a { color: blue }');
      await eventually(() => expect(client!.contents('main.css')).toEqual(['a { color: green }', 'a { color: blue }']), 10_000);
      expect(logCount(late, 'cannot reach Redis')).toBe(1);
    },
    CLUSTER_TEST_MS,
  );
});
