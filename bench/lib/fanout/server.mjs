// One server of the fan-out benchmark, in its own process so its memory is its own. Driven over IPC:
// 'memory' → heap and RSS after a full GC; 'broadcast' → sends one `reloaded` to every client and
// answers with the time it started (t0, on the clock every process shares) and the event's seq.
// Usage: node --expose-gc server.mjs <hub|socketio|ws> '<options json>'
import { createServer } from 'node:http';
import { createHub } from 'hothub';
import { Server } from 'socket.io';
import msgpackParser from 'socket.io-msgpack-parser';
import { WebSocketServer } from 'ws';
import { now } from './clock.mjs';
import { payloadOf } from './payload.mjs';

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
        // Encoded once, as a bare server would.
        const frame = JSON.stringify(['reloaded', payloadOf(round)]);
        for (const client of wss.clients) client.send(frame);
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

const server = await servers[kind]();
let round = 0;
process.on('message', async (message) => {
  if (message === 'memory') process.send({ memory: memory() });
  // A normal exit, so that --cpu-prof writes its profile.
  if (message === 'exit') process.exit(0);
  if (message === 'broadcast') {
    const t0 = now();
    const seq = await server.broadcast(++round);
    process.send({ sent: { t0, seq } });
  }
});
process.send({ ready: { url: server.url, memory: memory() } });
