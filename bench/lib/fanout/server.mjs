// One server of the fan-out benchmark, in its own process so its memory and CPU are its own. Driven
// over IPC: 'memory' → heap and RSS after a full GC; 'cpu' → the process's CPU time so far (µs, user +
// system); 'broadcast' → sends one `reloaded` to every client and answers with the time it started (t0,
// on the clock every process shares) and the event's seq; { burst: { count, intervalMs } } → sends
// `count` of them on a fixed schedule without waiting for the previous one, answers with every { t0, seq }.
// Usage: node --expose-gc server.mjs <hub|socketio|ws> '<options json>'
// HOTHUB_MODULE=<path to a built dist/index.js> measures that build instead of the workspace's `hothub`.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import msgpackParser from 'socket.io-msgpack-parser';
import { WebSocketServer } from 'ws';
import { now } from './clock.mjs';
import { payloadOf } from './payload.mjs';

const { createHub } = await import(process.env.HOTHUB_MODULE ?? 'hothub');
const [kind, rawOptions] = process.argv.slice(2);
const options = JSON.parse(rawOptions ?? '{}');

/** Each server kind: listen, then `broadcast(round)` resolves with the seq it sent. */
const servers = {
  async hub() {
    const hub = createHub({ root: options.root, port: 0, host: '127.0.0.1', logLevel: 'warn', ...(options.redis ? { redis: options.redis } : {}) });
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
      ...(options.websocketOnly ? { transports: ['websocket'], httpCompression: false, perMessageDeflate: false } : {}),
      ...(options.msgpack ? { parser: msgpackParser } : {}),
    });
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${http.address().port}`,
      broadcast: (round) => {
        const target = options.volatile ? io.volatile : io;
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
