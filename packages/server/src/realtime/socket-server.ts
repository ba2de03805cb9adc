import type { Server as HttpServer } from 'node:http';
import {
  type ClientToServerEvents,
  type KindName,
  PROTOCOL_VERSION,
  SOCKET_PATH,
  type ServerToClientEvents,
  type SocketData,
} from '@hothub/shared';
import { Server } from 'socket.io';
import type { HubEvent } from '../pipeline/event-log.js';

export type HubSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeOptions {
  serverId: string;
  kinds: KindName[];
  currentSeq(): number;
}

/** The socket.io endpoint browsers connect to; greets each socket with `connected`. */
export function createSocketServer(http: HttpServer, options: RealtimeOptions): HubSocketServer {
  const io: HubSocketServer = new Server(http, {
    path: SOCKET_PATH,
    serveClient: false,
    // Any page may load /hothub/client.js from the hub and connect back, as with Vite's dev server.
    cors: { origin: true },
  });
  io.on('connection', (socket) => {
    socket.emit('connected', {
      protocol: PROTOCOL_VERSION,
      serverId: options.serverId,
      seq: options.currentSeq(),
      kinds: options.kinds,
    });
  });
  return io;
}

/** Sends a pipeline event to every connected browser. */
export function broadcast(io: HubSocketServer, event: HubEvent): void {
  switch (event.name) {
    case 'reloaded':
      io.emit('reloaded', event.payload);
      break;
    case 'reload_failed':
      io.emit('reload_failed', event.payload);
      break;
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}
