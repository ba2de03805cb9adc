import type { Hub, HubOptions } from '../../src/index.js';
import { type CliRun, listeningUrl, runCli } from './cli.js';
import { startHub } from './hub.js';
import { type TestRedis, startRedis } from './redis.js';
import { tempRoot } from './temp-root.js';

export interface ClusterHub {
  run: CliRun;
  url: string;
}

export interface TestCluster {
  redis: TestRedis;
  root: string;
  hubs: ClusterHub[];
}

/** How often a hub said it took the lead; with the logs of every hub, how many takeovers happened. */
export function takeovers(hub: ClusterHub): number {
  return hub.run.stderr().match(/this hub leads the cluster/g)?.length ?? 0;
}

/** How often a line appears in a hub's logs. */
export function logCount(hub: ClusterHub, line: string): number {
  return hub.run.stderr().split('\n').filter((l) => l.includes(line)).length;
}

/** Starts `redis-server` and `count` hub processes (`hothub --redis`) on one shared root, one after another: the first leads. */
export async function startCluster(count: number, files: Record<string, string>): Promise<TestCluster> {
  const redis = await startRedis();
  const root = await tempRoot(files);
  const hubs: ClusterHub[] = [];
  for (let i = 0; i < count; i++) hubs.push(await startClusterHub(root, redis.url));
  return { redis, root, hubs };
}

/** One more hub process on `root`, joined through `redisUrl`. */
export async function startClusterHub(root: string, redisUrl: string): Promise<ClusterHub> {
  const run = runCli(['--root', root, '--port', '0', '--redis', redisUrl]);
  return { run, url: await listeningUrl(run) };
}

/**
 * Two in-process hubs on one root, joined through a fresh `redis-server`: the first leads (`startHub` waits for
 * each to listen), the second follows. `options` go to both.
 */
export async function twoHubsOnRedis(files: Record<string, string>, options: Omit<HubOptions, 'root' | 'redis'> = {}): Promise<{ root: string; leader: Hub; follower: Hub }> {
  const redis = await startRedis();
  const root = await tempRoot(files);
  const leader = await startHub({ root, redis: redis.url, ...options });
  const follower = await startHub({ root, redis: redis.url, ...options });
  return { root, leader, follower };
}
