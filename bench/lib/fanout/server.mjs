// One server of the fan-out benchmark, in its own process so its memory and CPU are its own. Driven
// over IPC: 'memory' → heap and RSS after a full GC; 'cpu' → the process's CPU time so far (µs, user +
// system); 'broadcast' → sends one `reloaded` to every client and answers with the time it started (t0,
// on the clock every process shares) and the event's seq; { burst: { count, intervalMs } } → sends
// `count` of them on a fixed schedule without waiting for the previous one, answers with every { t0, seq }.
// Usage: node --expose-gc server.mjs <hub|socketio|ws> '<options json>'
// HOTHUB_MODULE=<path to a built dist/index.js> measures that build instead of the workspace's `hothub`.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { Server } from 'socket.io';
import msgpackParser from 'socket.io-msgpack-parser';
import { Sender, WebSocketServer } from 'ws';
import { now } from './clock.mjs';
import { payloadOf } from './payload.mjs';

const { Adapter } = createRequire(createRequire(import.meta.url).resolve('socket.io'))('socket.io-adapter');

/**
 * Experiments on socket.io's INTERNALS (issue 18: what closing the gap to `ws` would take; hothub uses
 * none of this). `leanApply`: the room walk of a broadcast without the per-broadcast Set of every socket
 * id sent to (the adapter's private `apply`). `direct`: that walk, and the frame socket.io pre-encodes
 * written straight to each WebSocket's sender when engine.io has nothing queued for it, skipping
 * engine.io's per-socket packet, write buffer and flush/drain events (private `encoder`, `transport.socket`).
 */
function walk(adapter, rooms, callback) {
  const earlier = [];
  for (const room of rooms) {
    const ids = adapter.rooms.get(room);
    if (!ids) continue;
    for (const id of ids) {
      if (earlier.length && earlier.some((sent) => sent.has(id))) continue;
      const socket = adapter.nsp.sockets.get(id);
      if (socket) callback(socket);
    }
    earlier.push(ids);
  }
}
class LeanApplyAdapter extends Adapter {
  apply(opts, callback) {
    if (opts.except?.size || !opts.rooms.size) return super.apply(opts, callback);
    walk(this, opts.rooms, callback);
  }
}
const sent = () => undefined;
class DirectAdapter extends LeanApplyAdapter {
  broadcast(packet, opts) {
    packet.nsp = this.nsp.name;
    const encoded = this.encoder.encode(packet);
    if (opts.except?.size || opts.flags?.volatile || encoded.length !== 1 || typeof encoded[0] !== 'string') return super.broadcast(packet, opts);
    const frame = Sender.frame(Buffer.from(`4${encoded[0]}`), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true });
    const writeOptions = { preEncoded: true, wsPreEncodedFrame: frame };
    const write = (socket) => {
      const { conn } = socket;
      const { transport } = conn;
      if (transport.name === 'websocket' && transport.writable && conn.writeBuffer.length === 0) transport.socket._sender.sendFrame(frame, sent);
      else conn.write(encoded[0], writeOptions);
    };
    if (opts.rooms.size) walk(this, opts.rooms, write);
    else {
      for (const id of this.sids.keys()) {
        const socket = this.nsp.sockets.get(id);
        if (socket) write(socket);
      }
    }
  }
}

const { createHub } = await import(process.env.HOTHUB_MODULE ?? 'hothub');
const [kind, rawOptions] = process.argv.slice(2);
const options = JSON.parse(rawOptions ?? '{}');

/** Each server kind: listen, then `broadcast(round)` resolves with the seq it sent. */
const servers = {
  async hub() {
    // No probation: connecting 20,000 sockets blocks the event loop over a second, which would roll the
    // stylesheet back mid-run (an extra event per round); the fan-out is what is measured here.
    const hub = createHub({ root: options.root, port: 0, host: '127.0.0.1', logLevel: 'warn', probation: 0, ...(options.redis ? { redis: options.redis } : {}) });
    await hub.start();
    return {
      url: hub.url,
      broadcast: async () => (await hub.reload('style/main.css', 'manual'))[0].payload.seq,
    };
  },
  async socketio() {
    const http = createServer();
    const io = new Server(http, {
      path: '/ws/hot-reload',
      serveClient: false,
      ...(options.leanApply ? { adapter: LeanApplyAdapter } : {}),
      ...(options.direct ? { adapter: DirectAdapter } : {}),
      ...(options.websocketOnly ? { transports: ['websocket'], httpCompression: false, perMessageDeflate: false } : {}),
      ...(options.msgpack ? { parser: msgpackParser } : {}),
    });
    // `rooms`: every socket joins `all` and a broadcast goes to the rooms the hub sends a stylesheet to.
    if (options.rooms) io.on('connection', (socket) => socket.join('all'));
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${http.address().port}`,
      broadcast: (round) => {
        const all = options.volatile ? io.volatile : io;
        const target = options.rooms ? all.to(['all', 'kind:style', 'id:style/main.css']) : all;
        target.emit('reloaded', payloadOf(round));
        return round;
      },
    };
  },
  async ws() {
    const http = createServer();
    const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    return {
      url: `ws://127.0.0.1:${http.address().port}`,
      broadcast: (round) => {
        // Encoded once to bytes, as a bare server would; `ws` adds a frame header per socket.
        const frame = Buffer.from(JSON.stringify(['reloaded', payloadOf(round)]));
        for (const client of wss.clients) client.send(frame, { binary: false });
        return round;
      },
    };
  },
};

function memory() {
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

function cpu() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** `count` broadcasts, one every `intervalMs` whether or not the previous one is done (a burst of saves). */
async function burst({ count, intervalMs }) {
  const start = now();
  const sends = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalMs;
    if (due > now()) await new Promise((resolve) => setTimeout(resolve, due - now()));
    const t0 = now();
    sends.push(Promise.resolve(server.broadcast(++round)).then((seq) => ({ t0, seq })));
  }
  return Promise.all(sends);
}

const server = await servers[kind]();
let round = 0;
process.on('message', async (message) => {
  if (message === 'memory') process.send({ memory: memory() });
  if (message === 'cpu') process.send({ cpu: cpu() });
  // A normal exit, so that --cpu-prof writes its profile.
  if (message === 'exit') process.exit(0);
  if (message === 'broadcast') {
    const t0 = now();
    const seq = await server.broadcast(++round);
    process.send({ sent: { t0, seq } });
  }
  if (message?.burst) process.send({ burstSent: await burst(message.burst) });
});
process.send({ ready: { url: server.url, memory: memory() } });
