// Fan-out of one `reloaded` event to N socket.io clients, spread over separate client processes:
// delivery latency from the server's broadcast (p50, p99, until the last client has it), connect
// time and server memory per connection, for one hub, two hubs on Redis, a bare socket.io 4.8 server
// sending the same payload (plus socket.io option variants) and a bare `ws` server (the floor).
// Prints one JSON document on stdout. Run: pnpm bench:fanout [--sizes 1000,5000,10000] [--procs 4]
//   [--rounds 5] [--targets hub,cluster,socketio,ws,...] [--profile DIR]  (DIR gets each server's --cpu-prof)
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
  ws: { servers: [{ kind: 'ws' }], client: 'ws' },
};

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    procs: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '5' },
    targets: { type: 'string', default: Object.keys(TARGETS).join(',') },
    profile: { type: 'string' },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const PROCS = Number(args.procs);
const ROUNDS = Number(args.rounds);
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
    const latencies = [];
    const lasts = [];
    // Round 0 warms up (JIT, first-send paths) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      servers[0].child.send('broadcast');
      const { t0, seq } = await reply(servers[0].child, 'sent');
      const arrivals = [];
      const deadline = Date.now() + PHASE_TIMEOUT_MS;
      while (arrivals.length < n) {
        if (Date.now() > deadline) throw new Error(`round ${round}: ${arrivals.length} of ${n} clients got seq ${seq}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        for (const client of clients) {
          client.send('collect');
          for (const [got, at] of await reply(client, 'receipts')) if (got === seq) arrivals.push(at - t0);
        }
      }
      if (round === 0) continue;
      latencies.push(...arrivals);
      lasts.push(Math.max(...arrivals));
    }
    latencies.sort((a, b) => a - b);
    for (const client of clients) client.send('close');
    return {
      clients: n,
      connectMs: Math.round(connectMs),
      deliveryMs: { p50: round1(percentile(latencies, 50)), p99: round1(percentile(latencies, 99)), last: round1(median(lasts)) },
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
const needed = Math.max(...SIZES) + 1000;
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
const machine = { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg1m: round1(loadavg()[0]) };
process.stdout.write(`${JSON.stringify({ machine, procs: PROCS, rounds: ROUNDS, results, ...(args.profile ? { profiles } : {}) }, null, 2)}\n`);
process.exit(0);
