// GET /health and GET /status of a hub under load, side by side with a bare express app that answers
// the same JSON, from a second process (autocannon) on loopback. Prints one JSON document on stdout
// and a markdown table on stderr. See bench/README.md.
import { spawn } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { tempDir } from './lib/temp-dir.mjs';

const { values: args } = parseArgs({
  options: {
    worker: { type: 'string' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    rate: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
  },
});

// Worker mode: the load generator, in its own process so it does not share the servers' event loop.
if (args.worker) {
  const result = await autocannon(JSON.parse(args.worker));
  const { requests, latency, errors, timeouts, non2xx } = result;
  process.stdout.write(JSON.stringify({ rps: requests.average, p50: latency.p50, p99: latency.p99, max: latency.max, errors, timeouts, non2xx }));
  process.exit(0);
}

// Imported here, not by the load workers, which need neither.
const { default: express } = await import('express');
const { createHub } = await import('hothub');

const DURATION_S = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const RATE = Number(args.rate);
/** Rounds alternate bare and hub so that load from elsewhere on the machine hits both; medians are reported. */
const ROUNDS = Number(args.rounds);
const log = (message) => process.stderr.write(`# ${message}\n`);

/** Runs autocannon in a child process and returns its figures. */
function load(options) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--worker', JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load worker exited ${code}`))));
  });
}

const temp = await tempDir('http');
await mkdir(join(temp.dir, 'styles'));
await writeFile(join(temp.dir, 'styles/main.css'), 'a { color: red }');
const hub = createHub({ root: temp.dir, port: 0, host: '127.0.0.1', logLevel: 'silent' });
await hub.start();

// The bare app answers exactly the bodies the hub answers, computed once.
const bodies = {};
for (const path of ['/health', '/status']) bodies[path] = await (await fetch(`${hub.url}${path}`)).json();
const bare = express();
bare.disable('x-powered-by');
for (const [path, body] of Object.entries(bodies)) bare.get(path, (_req, res) => res.json(body));
const bareServer = await new Promise((resolve) => {
  const server = bare.listen(0, '127.0.0.1', () => resolve(server));
});
const servers = { bare: `http://127.0.0.1:${bareServer.address().port}`, hothub: hub.url };

const load0 = loadavg()[0];
const runs = {};
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const path of ['/health', '/status']) {
      for (const [name, base] of Object.entries(servers)) {
        const url = `${base}${path}`;
        log(`round ${round}/${ROUNDS}, ${name} ${path}: warm-up, max throughput, then ${RATE} req/s`);
        await load({ url, connections: CONNECTIONS, duration: 1 });
        const max = await load({ url, connections: CONNECTIONS, duration: DURATION_S });
        const fixed = await load({ url, connections: CONNECTIONS, duration: DURATION_S, overallRate: RATE });
        (runs[`${name} ${path}`] ??= []).push({ max, fixed });
      }
    }
  }
} finally {
  await hub.stop();
  await new Promise((resolve) => bareServer.close(resolve));
  await temp.remove();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medianOf = (list) => Object.fromEntries(Object.keys(list[0]).map((key) => [key, median(list.map((r) => r[key]))]));
const results = Object.fromEntries(
  Object.entries(runs).map(([key, list]) => [key, { max: medianOf(list.map((r) => r.max)), fixed: medianOf(list.map((r) => r.fixed)) }]),
);
const ratio = (path) => results[`hothub ${path}`].max.rps / results[`bare ${path}`].max.rps;
const summary = {
  machine: { cores: cpus().length, node: process.version, loadavgBefore: load0, loadavgAfter: loadavg()[0] },
  settings: { durationS: DURATION_S, connections: CONNECTIONS, fixedRate: RATE, rounds: ROUNDS },
  results,
  runs,
  targets: Object.fromEntries(
    ['/health', '/status'].map((path) => [
      path,
      { throughputVsBare: Math.round(ratio(path) * 1000) / 1000, p99AtFixedRateMs: results[`hothub ${path}`].fixed.p99 },
    ]),
  ),
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);

const rows = ['| server | path | max req/s | p99 ms at max | p50 ms at 1,000 req/s | p99 ms at 1,000 req/s | errors / non-2xx |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];
for (const [key, { max, fixed }] of Object.entries(results)) {
  const [name, path] = key.split(' ');
  rows.push(`| ${name} | ${path} | ${Math.round(max.rps)} | ${max.p99} | ${fixed.p50} | ${fixed.p99} | ${max.errors + fixed.errors} / ${max.non2xx + fixed.non2xx} |`);
}
process.stderr.write(`\n${rows.join('\n')}\n`);
