// What one connection costs a fan-out server, by object: a heap snapshot before and after N socket.io
// clients connect (from a child process, so their objects are not counted), grouped by constructor,
// the difference divided by N. Shows which of socket.io's, engine.io's, ws's and the hub's own
// per-socket objects make up the heap per connection (issue 18).
// Usage: node --expose-gc bench/lib/fanout/heap-per-connection.mjs [hub|socketio] [N=1000] [top=25]
// HOTHUB_MODULE=<path to a built dist/index.js> measures that build instead of the workspace's `hothub`.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { Server } from 'socket.io';
import { CSS } from './payload.mjs';

const [kind = 'hub', rawCount = '1000', rawTop = '25'] = process.argv.slice(2);
const count = Number(rawCount);
const dir = join(tmpdir(), `heap-per-connection-${process.pid}`);
await mkdir(join(dir, 'styles'), { recursive: true });
await writeFile(join(dir, 'styles', 'main.css'), CSS);

async function start() {
  if (kind === 'hub') {
    const { createHub } = await import(process.env.HOTHUB_MODULE ?? 'hothub');
    const hub = createHub({ root: dir, port: 0, host: '127.0.0.1', logLevel: 'warn', probation: 0 });
    await hub.start();
    return hub.url;
  }
  const http = createServer();
  new Server(http, { path: '/ws/hot-reload', serveClient: false });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${http.address().port}`;
}

/** Node kinds too generic to tell apart by name: they are grouped by what holds them (`Socket._events`). */
const BY_HOLDER = new Set(['(array)', '(closure)', '(string)', '(concatenated string)', '(hidden)', '(object shape)', 'Object', 'Array', 'system / Context', 'Map', 'Set']);

/** Self size and count of every heap object, by constructor (or type), generic ones by their first holder and its field. */
async function groupsOf(file) {
  const { snapshot: meta, nodes, edges, strings } = JSON.parse(await readFile(file, 'utf8'));
  const fields = meta.meta.node_fields;
  const edgeFields = meta.meta.edge_fields;
  const types = meta.meta.node_types[0];
  const edgeTypes = meta.meta.edge_types[0];
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((f) => fields.indexOf(f));
  const nameOf = (i) => {
    const type = types[nodes[i + typeAt]];
    return type === 'object' || type === 'native' ? strings[nodes[i + nameAt]] : `(${type})`;
  };
  const holder = new Map();
  for (let i = 0, e = 0; i < nodes.length; i += fields.length) {
    for (let k = 0; k < nodes[i + edgeCountAt]; k++, e += edgeFields.length) {
      const to = edges[e + 2];
      if (holder.has(to) || edgeTypes[edges[e]] === 'weak') continue;
      const edgeType = edgeTypes[edges[e]];
      const edgeName = edgeType === 'element' || edgeType === 'hidden' ? '[]' : strings[edges[e + 1]];
      holder.set(to, { at: i, via: `${nameOf(i)}.${edgeName}` });
    }
  }
  const groups = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const name = nameOf(i);
    // Two holders up: a Map's table is told apart by what holds the Map (`Socket.acks`).
    const first = holder.get(i);
    const second = first && BY_HOLDER.has(nameOf(first.at)) ? holder.get(first.at) : undefined;
    const key = BY_HOLDER.has(name) ? `${name} ← ${first?.via ?? '?'}${second ? ` ← ${second.via}` : ''}` : name;
    const group = groups.get(key) ?? { bytes: 0, count: 0 };
    group.bytes += nodes[i + sizeAt];
    group.count += 1;
    groups.set(key, group);
  }
  return groups;
}

function snapshot(name) {
  globalThis.gc();
  return writeHeapSnapshot(join(dir, `${name}.heapsnapshot`));
}

const url = await start();
// Both written before either is read, so that this script's own objects are in neither.
const beforeFile = snapshot('before');
const clients = fork(new URL('./clients.mjs', import.meta.url).pathname, ['socketio', url, String(count), '{}']);
await once(clients, 'message');
const afterFile = snapshot('after');
clients.send('close');
const before = await groupsOf(beforeFile);
const after = await groupsOf(afterFile);
const rows = [...after]
  .map(([key, { bytes, count: n }]) => ({ key, bytes: (bytes - (before.get(key)?.bytes ?? 0)) / count, objects: (n - (before.get(key)?.count ?? 0)) / count }))
  .filter((row) => row.bytes > 8)
  .sort((a, b) => b.bytes - a.bytes);
const total = rows.reduce((sum, row) => sum + row.bytes, 0);
process.stdout.write(`${kind}: ${Math.round(total)} bytes of heap per connection (${count} connections)\n`);
for (const row of rows.slice(0, Number(rawTop))) {
  process.stdout.write(`${String(Math.round(row.bytes)).padStart(6)} B  ${row.objects.toFixed(2).padStart(5)} ×  ${row.key}\n`);
}
await rm(dir, { recursive: true, force: true });
process.exit(0);
