// A cluster leader killed mid-burst (issue 12): three hub processes on one redis-server, a page that
// tracks `seq` as the SDK does on the leader, a burst of stylesheet and config saves; the leader is killed
// (SIGKILL) after some of the burst's events reached the page, the rest of the burst is saved while no hub
// leads, and the page moves to a surviving hub. With `--stall` the leader's link to Redis stops passing
// anything just before the burst (a slow Redis, or a leader machine that dies with its writes unsent).
// Counts, over every run: artifacts the page ends with at an old version, runs where the page dropped a
// newer version as already seen (a `seq` at or below its own), missed next saves, artifacts a surviving
// hub serves stale.
// All must be 0. Needs `redis-server` on PATH and `pnpm build`. Prints one JSON document.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from './lib/free-port.mjs';
import { seqPage } from './lib/seq-page.mjs';
import { tempDir } from './lib/temp-dir.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    sheets: { type: 'string', default: '24' },
    configs: { type: 'string', default: '8' },
    stall: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
/** Longest wait for any one condition (a takeover takes up to 4 s). */
const SETTLE_MS = 20_000;
const BIN = fileURLToPath(new URL('../packages/server/bin/hothub.js', import.meta.url));
const log = (message) => process.stderr.write(`# ${message}\n`);

const artifacts = [
  ...Array.from({ length: Number(args.sheets) }, (_, i) => ({ kind: 'style', id: `s${i}.css`, path: `styles/s${i}.css`, content: (v) => `.s${i}{order:${v}}` })),
  ...Array.from({ length: Number(args.configs) }, (_, i) => ({ kind: 'config', id: `c${i}`, path: `config/c${i}.json`, content: (v) => JSON.stringify({ c: i, v }) })),
];
const key = (kind, id) => `${kind}/${id}`;
/** The hub's version of a file: `packages/server/src/util/content-hash.ts`. */
const contentHash = (text) => createHash('sha256').update(text).digest('base64url').slice(0, 12);
const saveAll = (root, version) => Promise.all(artifacts.map((a) => writeFile(join(root, a.path), a.content(version))));

async function until(check, timeout = SETTLE_MS) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return true;
    await delay(20);
  }
  return check();
}

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await until(() => out.includes('Ready to accept connections'));
  return { child, port, url: `redis://127.0.0.1:${port}` };
}

/** A TCP proxy to Redis whose traffic can be stopped both ways (`test/support/stall-proxy.ts`). */
async function stallProxy(port) {
  let stalled = false;
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => stalled || upstream.write(chunk));
    upstream.on('data', (chunk) => stalled || client.write(chunk));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `redis://127.0.0.1:${server.address().port}`,
    stall: () => (stalled = true),
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

async function startHub(root, redisUrl) {
  const child = spawn(process.execPath, [BIN, '--root', root, '--port', '0', '--redis', redisUrl, '--config', join(root, 'hothub.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  if (!(await until(() => /hothub listening on/.test(out) || child.exitCode !== null)) || child.exitCode !== null) throw new Error(`hothub did not start: ${err}`);
  return { child, url: /hothub listening on (\S+)/.exec(out)[1], leads: () => /this hub leads the cluster/.test(err) };
}

const finalVersions = (version) => new Map(artifacts.map((a) => [key(a.kind, a.id), contentHash(a.content(version))]));
const stalePage = (client, finals) => [...finals].filter(([name, version]) => client.applied.get(name)?.version !== version).length;

/** Artifacts a hub serves at another version than the final file's. */
async function staleOn(hub, finals) {
  const stale = [];
  for (const { kind, id } of artifacts) {
    const { serving } = await (await fetch(`${hub.url}/rollback/${kind}/${id}`)).json();
    if (serving !== finals.get(key(kind, id))) stale.push(key(kind, id));
  }
  return stale;
}

/** `redis-cli` against the run's Redis, one reply line per element. */
const redisCli = (port, ...command) => execFileSync('redis-cli', ['-p', String(port), '--raw', ...command], { encoding: 'utf8' }).trim().split('\n');

/**
 * The lowest `seq` the stream holds from a hub other than the killed leader, numbered after the kill:
 * the next leader's first number (a follower may record a newer version under the old leader's `seq`).
 */
function nextLeaderFirstSeq(port, leaderId, killedAt) {
  const lines = redisCli(port, 'XRANGE', 'hothub:events', '-', '+');
  let first = Infinity;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'origin' || lines[i + 1] === leaderId || lines[i + 2] !== 'event') continue;
    const { payload } = JSON.parse(lines[i + 3]);
    if (payload.ts >= killedAt) first = Math.min(first, payload.seq);
  }
  return first;
}

async function run(index) {
  const temp = await tempDir('leader-kill');
  const root = temp.dir;
  await mkdir(join(root, 'styles'));
  await mkdir(join(root, 'config'));
  await saveAll(root, 1);
  // The checks poll `/rollback` and `/reload/history`, which allow 60 requests a minute by default.
  await writeFile(join(root, 'hothub.yaml'), 'rateLimit:\n  max: 100000\n');
  const redis = await startRedis();
  const proxy = await stallProxy(redis.port);
  const hubs = [];
  const client = seqPage();
  try {
    const leader = await startHub(root, proxy.url);
    hubs.push(leader);
    await until(leader.leads, SETTLE_MS);
    const others = [await startHub(root, redis.url), await startHub(root, redis.url)];
    hubs.push(...others);
    await client.connect(leader.url);
    const leaderId = redisCli(redis.port, 'GET', 'hothub:leader')[0];
    if (args.stall) proxy.stall();
    await saveAll(root, 2);
    // Killed at a different point of the burst each run.
    const killAt = 2 + Math.round(((artifacts.length - 4) * index) / Math.max(1, RUNS - 1));
    await until(() => client.events >= killAt);
    const killedAt = Date.now();
    leader.child.kill('SIGKILL');
    await once(leader.child, 'exit');
    const seenAtKill = client.lastSeq;
    await saveAll(root, 3);
    const finals = finalVersions(3);

    const [next] = others;
    await until(() => nextLeaderFirstSeq(redis.port, leaderId, killedAt) !== Infinity);
    const firstAfterKill = nextLeaderFirstSeq(redis.port, leaderId, killedAt);
    await client.connect(next.url);
    await until(() => stalePage(client, finals) === 0);
    const stale = stalePage(client, finals);
    const pageCurrentMs = Date.now() - killedAt;
    let hubsStale = 0;
    for (const hub of others) {
      await until(async () => (await staleOn(hub, finals)).length === 0);
      const stale = await staleOn(hub, finals);
      if (stale.length > 0) log(`${hub.url} serves stale ${stale.join(', ')}`);
      hubsStale += stale.length;
    }
    const first = artifacts[0];
    await writeFile(join(root, first.path), first.content(4));
    const appliedNext = await until(() => client.applied.get(key(first.kind, first.id))?.version === contentHash(first.content(4)));
    return { killAt, seenAtKill, firstAfterKill, regression: firstAfterKill <= seenAtKill || client.staleDrops > 0, stale, hubsStale, appliedNext, pageCurrentMs };
  } finally {
    client.socket?.close();
    for (const hub of hubs) if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
    await Promise.all(hubs.map((hub) => (hub.child.exitCode === null && hub.child.signalCode === null ? once(hub.child, 'exit') : undefined)));
    proxy.close();
    redis.child.kill('SIGKILL');
    await temp.remove();
  }
}

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = await run(i);
  log(`run ${i + 1}/${RUNS}: killed after ${r.killAt} events (page at seq ${r.seenAtKill}), next leader's first seq ${r.firstAfterKill}, page stale ${r.stale}, hubs stale ${r.hubsStale}, next save applied ${r.appliedNext}`);
  runs.push(r);
}
console.log(
  JSON.stringify(
    {
      runs: RUNS,
      stall: args.stall,
      artifacts: artifacts.length,
      staleOnPage: runs.reduce((sum, r) => sum + r.stale, 0),
      runsWithStalePage: runs.filter((r) => r.stale > 0).length,
      seqRegressions: runs.filter((r) => r.regression).length,
      staleOnSurvivingHubs: runs.reduce((sum, r) => sum + r.hubsStale, 0),
      nextSaveMissed: runs.filter((r) => !r.appliedNext).length,
      // From the kill to the page current on a surviving hub: the lease (3 s) dominates.
      pageCurrentMsMax: Math.max(...runs.map((r) => r.pageCurrentMs)),
      runsDetail: runs,
    },
    null,
    2,
  ),
);
process.exit(0);
