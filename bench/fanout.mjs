// Fan-out of one `reloaded` event to N socket.io clients, spread over separate client processes:
// delivery latency from the server's broadcast (p50, p99, until the last client has it), connect
// time, server CPU per delivery and server memory per connection, for one hub, two hubs on Redis, a
// bare socket.io 4.8 server sending the same payload (plus socket.io option variants) and a bare `ws`
// server (the floor); then, per size, each target's ratio to `ws` (issue 18's target: last client
// ≤ 1.25×, CPU per delivery ≤ 1.4×, ≤ 10 KB RSS per connection).
// Prints one JSON document on stdout and the ratio table on stderr.
// Run: pnpm bench:fanout [--sizes 10000,19900] [--procs 2] [--rounds 5] [--rate 5]
//   [--targets hub,cluster,socketio,ws,...] [--profile DIR]  (DIR gets each server's --cpu-prof)
// --rate R: after the rounds, `rounds` more broadcasts R per second, without waiting for the previous one.
import { fork, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from './lib/free-port.mjs';
import { CSS } from './lib/fanout/payload.mjs';
import { topFunctions } from './lib/fanout/profile-summary.mjs';
import { tempDir } from './lib/temp-dir.mjs';

const TARGETS = {
  hub: { servers: [{ kind: 'hub' }] },
  cluster: { redis: true, servers: [{ kind: 'hub' }, { kind: 'hub' }] },
  socketio: { servers: [{ kind: 'socketio' }] },
  'socketio-ws-only': { servers: [{ kind: 'socketio', options: { websocketOnly: true } }] },
  'socketio-volatile': { servers: [{ kind: 'socketio', options: { volatile: true } }] },
  'socketio-msgpack': { servers: [{ kind: 'socketio', options: { msgpack: true } }], clientOptions: { msgpack: true } },
  // Sockets in room `all`, broadcasts to the three rooms of a stylesheet, as the hub does; then socket.io
  // internals on top of that, measured to size what closing the gap to `ws` would take (lib/fanout/server.mjs).
  'socketio-rooms': { servers: [{ kind: 'socketio', options: { rooms: true } }] },
  'socketio-lean-apply': { servers: [{ kind: 'socketio', options: { rooms: true, leanApply: true } }] },
  'socketio-direct': { servers: [{ kind: 'socketio', options: { rooms: true, direct: true } }] },
  ws: { servers: [{ kind: 'ws' }], client: 'ws' },
};

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,19900' },
    procs: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '5' },
    rate: { type: 'string' },
    targets: { type: 'string', default: 'hub,socketio,ws' },
    profile: { type: 'string' },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const PROCS = Number(args.procs);
const ROUNDS = Number(args.rounds);
const RATE = args.rate === undefined ? undefined : Number(args.rate);
/** Connections a server holds besides its clients' (its own files, Redis, the IPC channel). */
const SERVER_FDS = 100;
/** Per phase: connecting every client, or one round reaching every client. */
const PHASE_TIMEOUT_MS = 120_000;
/** The whole run never outlives this. */
const RUN_TIMEOUT_MS = 30 * 60_000;
const here = (path) => new URL(path, import.meta.url).pathname;

const children = new Set();
const stopAll = () => children.forEach((child) => child.kill('SIGKILL'));
process.on('exit', stopAll);
setTimeout(() => {
  process.stderr.write('fanout: run timed out\n');
  process.exit(1);
}, RUN_TIMEOUT_MS).unref();

/** Resolves with the first IPC message that has `key`, or rejects after the phase timeout. */
function reply(child, key) {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${key} from ${child.spawnargs.join(' ')}`));
    }, PHASE_TIMEOUT_MS);
    const onMessage = (message) => {
      if (message?.[key] === undefined) return;
      done();
      resolve(message[key]);
    };
    const onExit = (code) => {
      done();
      reject(new Error(`${child.spawnargs.join(' ')} exited (${code})`));
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function startRedis() {
  const port = await freePort();
  const redis = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], { stdio: ['ignore', 'pipe', 'inherit'] }));
  let out = '';
  redis.stdout.on('data', (chunk) => (out += chunk));
  while (!out.includes('Ready to accept connections')) await once(redis.stdout, 'data');
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.kill('SIGKILL') };
}

async function startServer({ kind, options = {} }, extra, profileDir) {
  const execArgv = ['--expose-gc', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  const child = track(fork(here('./lib/fanout/server.mjs'), [kind, JSON.stringify({ ...options, ...extra })], { execArgv, stdio: 'inherit' }));
  const ready = await reply(child, 'ready');
  return { child, ...ready };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round1 = (ms) => Math.round(ms * 10) / 10;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** CPU time (µs) the servers' processes have used so far, added up. */
async function cpuOf(servers) {
  const times = await Promise.all(
    servers.map((server) => {
      server.child.send('cpu');
      return reply(server.child, 'cpu');
    }),
  );
  return times.reduce((sum, us) => sum + us, 0);
}

/** Waits until every client process has reported an arrival of each seq in `sent` ({ t0, seq }); returns each one's arrival times (ms after its t0). */
async function arrivalsOf(clients, sent, n) {
  const bySeq = new Map(sent.map(({ t0, seq }) => [seq, { t0, arrivals: [] }]));
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  const missing = () => [...bySeq.values()].some((entry) => entry.arrivals.length < n);
  while (missing()) {
    if (Date.now() > deadline) throw new Error(`seqs ${[...bySeq].map(([seq, e]) => `${seq}: ${e.arrivals.length}`).join(', ')} of ${n} clients`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const client of clients) {
      client.send('collect');
      for (const [got, at] of await reply(client, 'receipts')) {
        const entry = bySeq.get(got);
        if (entry) entry.arrivals.push(at - entry.t0);
      }
    }
  }
  return [...bySeq.values()].map((entry) => entry.arrivals);
}

/** p50, p99 of every arrival and the median over rounds of the last client's arrival. */
function delivery(rounds) {
  const all = rounds.flat().sort((a, b) => a - b);
  return { p50: round1(percentile(all, 50)), p99: round1(percentile(all, 99)), last: round1(median(rounds.map((r) => Math.max(...r)))) };
}

async function measure(name, n) {
  const target = TARGETS[name];
  const root = await tempDir(`fanout-${name}`);
  await mkdir(join(root.dir, 'styles'), { recursive: true });
  await writeFile(join(root.dir, 'styles', 'main.css'), CSS);
  const redis = target.redis ? await startRedis() : undefined;
  const profileDir = args.profile ? join(args.profile, `${name}-${n}`) : undefined;
  const servers = [];
  // One after another: the first hub of a cluster leads and is the one that broadcasts.
  for (const spec of target.servers) servers.push(await startServer(spec, { root: root.dir, ...(redis ? { redis: redis.url } : {}) }, profileDir));
  try {
    const clientKind = target.client ?? 'socketio';
    const clientUrl = (i) => servers[i % servers.length].url;
    const clients = Array.from({ length: PROCS }, (_, i) => {
      const count = Math.floor(n / PROCS) + (i < n % PROCS ? 1 : 0);
      return track(fork(here('./lib/fanout/clients.mjs'), [clientKind, clientUrl(i), String(count), JSON.stringify(target.clientOptions ?? {})], { stdio: 'inherit' }));
    });
    const connectMs = Math.max(...(await Promise.all(clients.map((c) => reply(c, 'connected')))).map((c) => c.ms));
    const memory = await Promise.all(
      servers.map(async (server) => {
        server.child.send('memory');
        const after = await reply(server.child, 'memory');
        return { rss: after.rss - server.memory.rss, heap: after.heapUsed - server.memory.heapUsed };
      }),
    );
    const rounds = [];
    let cpuUs = 0;
    // Round 0 warms up (JIT, first-send paths) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const cpuBefore = await cpuOf(servers);
      servers[0].child.send('broadcast');
      const sent = await reply(servers[0].child, 'sent');
      const [arrivals] = await arrivalsOf(clients, [sent], n);
      // Server CPU from the request to send until the last client has it: the whole cost of one fan-out.
      const cpuAfter = await cpuOf(servers);
      if (round === 0) continue;
      rounds.push(arrivals);
      cpuUs += cpuAfter - cpuBefore;
    }
    let atRate;
    if (RATE) {
      const cpuBefore = await cpuOf(servers);
      servers[0].child.send({ burst: { count: ROUNDS, intervalMs: 1000 / RATE } });
      const sent = await reply(servers[0].child, 'burstSent');
      const burst = await arrivalsOf(clients, sent, n);
      const cpuAfter = await cpuOf(servers);
      atRate = { perSecond: RATE, deliveryMs: delivery(burst), cpuPerDeliveryUs: round1((cpuAfter - cpuBefore) / (n * ROUNDS)) };
    }
    for (const client of clients) client.send('close');
    return {
      clients: n,
      connectMs: Math.round(connectMs),
      deliveryMs: delivery(rounds),
      cpuPerDeliveryUs: round1(cpuUs / (n * ROUNDS)),
      ...(atRate ? { atRate } : {}),
      memoryPerConnectionKB: {
        rss: round1(memory.reduce((sum, m) => sum + m.rss, 0) / n / 1024),
        heap: round1(memory.reduce((sum, m) => sum + m.heap, 0) / n / 1024),
      },
    };
  } finally {
    for (const server of servers) server.child.send('exit');
    await Promise.all(servers.map((server) => (server.child.exitCode === null ? once(server.child, 'exit') : undefined)));
    redis?.stop();
    await root.remove();
  }
}

const openFiles = Number(spawnSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
const needed = Math.max(...SIZES) + SERVER_FDS;
if (openFiles < needed) throw new Error(`ulimit -n is ${openFiles}; raise it to at least ${needed} (ulimit -n ${needed}) and run again`);

const results = {};
for (const n of SIZES) {
  for (const name of args.targets.split(',')) {
    try {
      results[`${name}@${n}`] = await measure(name, n);
    } catch (error) {
      results[`${name}@${n}`] = { clients: n, error: error.message };
    }
    process.stderr.write(`fanout: ${name} at ${n}: ${JSON.stringify(results[`${name}@${n}`])}\n`);
  }
}
const profiles = {};
if (args.profile) {
  for (const n of SIZES) for (const name of args.targets.split(',')) profiles[`${name}@${n}`] = await topFunctions(join(args.profile, `${name}-${n}`));
}
/** Per size, each target against `ws` (run in the same invocation): issue 18's three ratios. */
function ratios() {
  const table = {};
  for (const n of SIZES) {
    const floor = results[`ws@${n}`];
    if (!floor?.deliveryMs) continue;
    for (const name of args.targets.split(',')) {
      const r = results[`${name}@${n}`];
      if (name === 'ws' || !r?.deliveryMs) continue;
      table[`${name}@${n}`] = {
        lastClientVsWs: Math.round((r.deliveryMs.last / floor.deliveryMs.last) * 100) / 100,
        cpuPerDeliveryVsWs: Math.round((r.cpuPerDeliveryUs / floor.cpuPerDeliveryUs) * 100) / 100,
        rssPerConnectionKB: r.memoryPerConnectionKB.rss,
        ...(r.atRate && floor.atRate ? { lastClientAtRateVsWs: Math.round((r.atRate.deliveryMs.last / floor.atRate.deliveryMs.last) * 100) / 100 } : {}),
      };
    }
  }
  return table;
}
const versusWs = ratios();
for (const [key, r] of Object.entries(versusWs)) {
  const rate = r.lastClientAtRateVsWs === undefined ? '' : `, last client at ${RATE}/s ${r.lastClientAtRateVsWs}×`;
  process.stderr.write(`fanout: ${key} vs ws: last client ${r.lastClientVsWs}× (target ≤ 1.25), CPU per delivery ${r.cpuPerDeliveryVsWs}× (≤ 1.4), ${r.rssPerConnectionKB} KB RSS per connection (≤ 10)${rate}\n`);
}
const machine = { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg1m: round1(loadavg()[0]) };
process.stdout.write(`${JSON.stringify({ machine, procs: PROCS, rounds: ROUNDS, ...(RATE ? { rate: RATE } : {}), results, versusWs, ...(args.profile ? { profiles } : {}) }, null, 2)}\n`);
process.exit(0);
