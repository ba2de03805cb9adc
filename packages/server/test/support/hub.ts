import {
  type ClientToServerEvents,
  type Connected,
  type Handshake,
  type Published,
  type Reloaded,
  type ReloadFailed,
  SOCKET_PATH,
  type ServerToClientEvents,
} from '@hothub/shared';
import { io, type Socket } from 'socket.io-client';
import { onTestFinished } from 'vitest';
import { createHub, type Hub, type HubOptions } from '../../src/index.js';
import { createLogger } from '../../src/util/log.js';

/** A started hub on a free loopback port, stopped when the test finishes. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const hub = createHub({ port: 0, host: '127.0.0.1', logger: createLogger({ level: 'silent' }), ...options });
  onTestFinished(() => hub.stop());
  await hub.start();
  return hub;
}

export interface RecordingClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  connected: Connected[];
  reloaded: Reloaded[];
  failed: ReloadFailed[];
  published: Published[];
}

/** A socket.io client that records every event it receives; `auth` is its handshake (resume, subscription). */
export async function connectClient(url: string, auth: Handshake = {}): Promise<RecordingClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { path: SOCKET_PATH, transports: ['websocket'], auth });
  const client: RecordingClient = { socket, connected: [], reloaded: [], failed: [], published: [] };
  onTestFinished(() => void socket.close());
  socket.on('reloaded', (e) => client.reloaded.push(e));
  socket.on('reload_failed', (e) => client.failed.push(e));
  socket.on('published', (e) => client.published.push(e));
  await new Promise<void>((resolve) =>
    socket.on('connected', (e) => {
      client.connected.push(e);
      resolve();
    }),
  );
  return client;
}
