// A share of the fan-out benchmark's clients, in their own process. Connects `count` sockets (100 at
// a time), reports how long that took, records when each `reloaded` arrives and hands the receipts
// over on 'collect'. Usage: node clients.mjs <socketio|ws> <url> <count> '<options json>'
import { io } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import WebSocket from 'ws';
import { now } from './clock.mjs';

const [kind, url, rawCount, rawOptions] = process.argv.slice(2);
const count = Number(rawCount);
const options = JSON.parse(rawOptions ?? '{}');
const CONCURRENCY = 100;
/** [seq, arrival time] of every `reloaded` received. */
const receipts = [];
const sockets = [];

function connectSocketIo() {
  const socket = io(url, {
    path: '/ws/hot-reload',
    transports: ['websocket'],
    reconnection: false,
    ...(options.msgpack ? { parser: msgpackParser } : {}),
  });
  sockets.push(socket);
  socket.on('reloaded', (event) => receipts.push([event.seq, now()]));
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

function connectWs() {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  sockets.push(socket);
  socket.on('message', (data) => {
    const [, event] = JSON.parse(data.toString());
    receipts.push([event.seq, now()]);
  });
  return new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
}

const connect = kind === 'ws' ? connectWs : connectSocketIo;
const started = now();
for (let i = 0; i < count; i += CONCURRENCY) {
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count - i) }, connect));
}
process.send({ connected: { ms: now() - started } });

process.on('message', (message) => {
  if (message === 'collect') process.send({ receipts: receipts.splice(0) });
  if (message === 'close') {
    for (const socket of sockets) socket.close();
    process.exit(0);
  }
});
