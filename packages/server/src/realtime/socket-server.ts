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
import type { CorsPolicy } from '../http/cors.js';
import type { HubEvent } from '../pipeline/event-log.js';
import { OPEN_ACCESS, requireHandshakeToken, socketAccessOptions } from './socket-access.js';

export type HubSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeOptions {
  serverId: string;
  kinds: KindName[];
  currentSeq(): number;
  /** Who may connect: origin allowlist and token (default: anyone). */
  access?: CorsPolicy;
}

/** The socket.io endpoint browsers connect to; greets each socket with `connected`. */
export function createSocketServer(http: HttpServer, options: RealtimeOptions): HubSocketServer {
  const io: HubSocketServer = new Server(http, {
    path: SOCKET_PATH,
    serveClient: false,
    ...socketAccessOptions(options.access ?? OPEN_ACCESS),
  });
  io.use(requireHandshakeToken(options.access?.token));
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
