// Save bursts (issue 12): bursts of 2-6 saves 0-20 ms apart on a stylesheet and a config, alternating. After
// each burst, waits (up to 5 s) until the hub serves the final file and the page's latest event for it names
// that version. Counts bursts that never got there: `staleServed`, `staleEvents` (both must be 0), and seq
// regressions seen by the page. Prints one JSON document.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createHub } from 'hothub';
import { io } from 'socket.io-client';
import { tempDir } from './lib/temp-dir.mjs';

const { values: args } = parseArgs({ options: { bursts: { type: 'string', default: '1000' }, seed: { type: 'string', default: '12' } } });
const BURSTS = Number(args.bursts);
const SETTLE_MS = 5000;

/** mulberry32: the same bursts every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(args.seed));
/** The hub's content version (`util/content-hash.ts`). */
const versionOf = (text) => createHash('sha256').update(text).digest('base64url').slice(0, 12);

const temp = await tempDir('bursts');
const root = temp.dir;
await mkdir(join(root, 'styles'));
await mkdir(join(root, 'config'));
const files = {
  style: { path: join(root, 'styles', 'main.css'), id: 'main.css', text: (n) => `.a { order: ${n} }` },
  config: { path: join(root, 'config', 'app.json'), id: 'app', text: (n) => JSON.stringify({ n }) },
};
await writeFile(files.style.path, files.style.text(0));
await writeFile(files.config.path, files.config.text(0));
const hub = createHub({ root, port: 0, host: '127.0.0.1', logLevel: 'error' });
await hub.start();

const latest = new Map();
let lastSeq = 0;
let regressions = 0;
const socket = io(hub.url, { path: '/ws/hot-reload', transports: ['websocket'] });
socket.on('reloaded', (event) => {
  if (event.seq <= lastSeq) return;
  lastSeq = event.seq;
  latest.set(`${event.kind}/${event.id}`, event.version);
});
socket.on('connected', ({ seq }) => {
  if (seq < lastSeq) regressions++;
});
await new Promise((resolve) => socket.once('connected', resolve));

async function served(kind) {
  if (kind === 'style') return versionOf(await (await fetch(`${hub.url}/assets/style/main.css`)).text());
  return (await (await fetch(`${hub.url}/rollback/config/app`)).json()).serving;
}

async function settled(kind, version) {
  const end = Date.now() + SETTLE_MS;
  let state;
  do {
    state = { served: (await served(kind)) === version, event: latest.get(`${kind}/${files[kind].id}`) === version };
    if (state.served && state.event) return state;
    await delay(10);
  } while (Date.now() < end);
  return state;
}

let counter = 0;
let staleServed = 0;
let staleEvents = 0;
const started = Date.now();
for (let burst = 0; burst < BURSTS; burst++) {
  const kind = burst % 2 === 0 ? 'style' : 'config';
  const saves = 2 + Math.floor(random() * 5);
  let text = '';
  for (let i = 0; i < saves; i++) {
    text = files[kind].text(++counter);
    await writeFile(files[kind].path, text);
    await delay(Math.floor(random() * 21));
  }
  const state = await settled(kind, versionOf(text));
  if (!state.served) staleServed++;
  if (!state.event) staleEvents++;
  if ((burst + 1) % 100 === 0) process.stderr.write(`# ${burst + 1}/${BURSTS} bursts: stale served ${staleServed}, stale events ${staleEvents}\n`);
}
socket.close();
await hub.stop();
await temp.remove();
console.log(JSON.stringify({ bursts: BURSTS, saves: counter, staleServed, staleEvents, seqRegressions: regressions, seconds: Math.round((Date.now() - started) / 1000) }, null, 2));
