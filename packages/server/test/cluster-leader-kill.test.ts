import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { contentHash } from '../src/util/content-hash.js';
import { listeningUrl, runCli } from './support/cli.js';
import { type ClusterHub, takeovers } from './support/cluster.js';
import { eventually } from './support/poll.js';
import { startRedis } from './support/redis.js';
import { SeqClient } from './support/seq-client.js';
import { stallProxy } from './support/stall-proxy.js';
import { tempRoot, write } from './support/temp-root.js';

/** Hub processes start, elect and fail over (lease 3 s) in seconds: give the test room. */
const TEST_MS = 60_000;

interface Artifact {
  kind: 'style' | 'config';
  id: string;
  path: string;
  content(version: number): string;
}

const artifacts: Artifact[] = [
  ...Array.from({ length: 24 }, (_, i): Artifact => ({ kind: 'style', id: `s${i}.css`, path: `styles/s${i}.css`, content: (v) => `.s${i}{order:${v}}` })),
  ...Array.from({ length: 8 }, (_, i): Artifact => ({ kind: 'config', id: `c${i}`, path: `config/c${i}.json`, content: (v) => JSON.stringify({ c: i, v }) })),
];
const key = (kind: string, id: string) => `${kind}/${id}`;
const FINAL = 3;
const finalVersions = new Map(artifacts.map((a) => [key(a.kind, a.id), contentHash(Buffer.from(a.content(FINAL)))]));

const Serving = z.object({ serving: z.optional(z.string()) });
const Latest = z.object({ events: z.array(z.object({ payload: z.object({ seq: z.number() }) })) });

async function saveAll(root: string, version: number): Promise<void> {
  await Promise.all(artifacts.map((a) => write(root, a.path, a.content(version))));
}

/** The latest `seq` a hub numbered or followed. */
async function latestSeq(hub: ClusterHub): Promise<number> {
  return Latest.parse(await (await fetch(`${hub.url}/reload/history?limit=1`)).json()).events[0]?.payload.seq ?? 0;
}

/** A hub process on `root`; the checks below poll the rate-limited `/rollback` and `/reload/history` more than 60 times a minute. */
async function startHub(root: string, redisUrl: string): Promise<ClusterHub> {
  const run = runCli(['--root', root, '--port', '0', '--redis', redisUrl, '--config', join(root, 'hothub.yaml')]);
  return { run, url: await listeningUrl(run) };
}

/** Artifacts whose version a hub serves is not the final file's. */
async function staleOn(hub: ClusterHub): Promise<string[]> {
  const stale: string[] = [];
  for (const { kind, id } of artifacts) {
    const { serving } = Serving.parse(await (await fetch(`${hub.url}/rollback/${kind}/${id}`)).json());
    if (serving !== finalVersions.get(key(kind, id))) stale.push(key(kind, id));
  }
  return stale;
}

/** Artifacts the page did not end with at the final file's version. */
function staleOnPage(page: SeqClient): string[] {
  const applied = new Map(page.applied.map((event) => [key(event.kind, event.id), event.version]));
  return [...finalVersions].filter(([name, version]) => applied.get(name) !== version).map(([name]) => name);
}

describe('a cluster leader killed mid-burst (issue 12)', () => {
  it.each([
    ['killed', false],
    // Its appends never reach Redis: what a slow Redis, or a leader machine that dies, does to them.
    ['killed while its link to Redis stalls', true],
  ])(
    'the leader is %s: its page moves to a surviving hub, never sees seq go back, ends with every artifact final and applies the next save',
    async (_, stalls) => {
      const redis = await startRedis();
      const proxy = await stallProxy(redis.port);
      const root = await tempRoot({ ...Object.fromEntries(artifacts.map((a) => [a.path, a.content(1)])), 'hothub.yaml': 'rateLimit:\n  max: 100000\n' });
      // The first hub leads; it reaches Redis through the proxy.
      const leader = await startHub(root, proxy.url);
      await eventually(() => expect(takeovers(leader)).toBe(1), 10_000);
      const others = [await startHub(root, redis.url), await startHub(root, redis.url)];
      const page = new SeqClient();
      await page.connect(leader.url);

      if (stalls) proxy.stall();
      await saveAll(root, 2);
      // Killed as the burst's events go out.
      await eventually(() => expect(page.applied.length).toBeGreaterThanOrEqual(8), 15_000);
      const exited = once(leader.run.child, 'exit');
      leader.run.child.kill('SIGKILL');
      await exited;
      const seen = Math.max(...page.applied.map((event) => event.seq));
      // The rest of the burst, saved while no hub leads.
      await saveAll(root, FINAL);

      const [next] = others as [ClusterHub, ClusterHub];
      // A seq at or below `seen` would be dropped by the page as already applied.
      await eventually(async () => expect(await latestSeq(next)).toBeGreaterThan(seen), 20_000);
      await page.connect(next.url);
      await eventually(() => expect(staleOnPage(page)).toEqual([]), 20_000);
      expect(page.repeated).toEqual([]);
      for (const hub of others) await eventually(async () => expect(await staleOn(hub)).toEqual([]), 15_000);
      expect(others.map(takeovers).sort()).toEqual([0, 1]);

      await write(root, 'styles/s0.css', '.s0{order:4}');
      await eventually(() => expect(page.contents('s0.css').at(-1)).toBe('.s0{order:4}'), 10_000);
      expect(page.repeated).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'a leader that stops cleanly hands over with no gap: the next leader goes on at seq + 1 and announces nothing again',
    async () => {
      const redis = await startRedis();
      const root = await tempRoot({ 'styles/a.css': '.a{order:1}', 'styles/b.css': '.b{order:1}', 'hothub.yaml': 'rateLimit:\n  max: 100000\n' });
      const leader = await startHub(root, redis.url);
      await eventually(() => expect(takeovers(leader)).toBe(1), 10_000);
      const next = await startHub(root, redis.url);
      const page = new SeqClient();
      await page.connect(next.url);
      await write(root, 'styles/a.css', '.a{order:2}');
      await eventually(() => expect(page.contents('a.css')).toEqual(['.a{order:2}']), 10_000);
      const before = page.applied[0]!.seq;

      leader.run.child.kill('SIGTERM');
      expect(await leader.run.exited).toBe(0);
      await eventually(() => expect(takeovers(next)).toBe(1), 10_000);
      await write(root, 'styles/b.css', '.b{order:2}');
      await eventually(() => expect(page.contents('b.css')).toEqual(['.b{order:2}']), 10_000);
      expect(page.applied.map((event) => [event.id, event.seq])).toEqual([
        ['a.css', before],
        ['b.css', before + 1],
      ]);
    },
    TEST_MS,
  );
});
