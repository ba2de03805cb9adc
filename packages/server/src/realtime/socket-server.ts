import type { Server as HttpServer } from 'node:http';
import { type ClientToServerEvents, SOCKET_PATH, type ServerToClientEvents, type SocketData } from '@hothub/shared';
import { Server } from 'socket.io';
import type { AccessPolicy } from '../access/access-policy.js';
import { DEFAULT_RATE_LIMIT } from '../options/rate-limit-settings.js';
import type { HubEvent, PublishedEvent } from '../pipeline/event-log.js';
import type { WindowLimit } from '../util/fixed-windows.js';
import { throttleFailedHandshakes } from './handshake-throttle.js';
import { eventRooms, publishedRooms } from './rooms.js';
import { DEFAULT_ACCESS, requireHandshakeToken, socketAccessOptions } from './socket-access.js';
import { EventLimits, engineLimits } from './socket-limits.js';
import { type SessionOptions, sendEvent, startSession, validateHandshake } from './socket-session.js';

/** Between the hubs of a cluster (socket.io's `serverSideEmit` through the Redis adapter): a follower asks the leader to number something. */
export interface HubServerEvents {
  'hothub:forward': (request: unknown, answer: (reply: unknown) => void) => void;
}

export type HubSocketServer = Server<ClientToServerEvents, ServerToClientEvents, HubServerEvents, SocketData>;

export interface RealtimeOptions extends SessionOptions {
  /** Who may connect: hosts, origins and token (default: loopback pages, no token). */
  access?: AccessPolicy;
  /** A handshake was refused for its `Host` or `Origin`: the one-line hint, for the log. */
  onRefused?(hint: string): void;
  /** Failed token checks allowed per address and window before every handshake from it is refused (default: HTTP's rate limit). */
  handshakeLimit?: WindowLimit;
  /**
   * Other code on the server answers WebSocket upgrades too (an app's, Vite's HMR, a proxied app's):
   * engine.io then leaves upgrades for other paths alone instead of closing them after a second.
   */
  sharesUpgrades?: boolean;
}

/** The socket.io endpoint browsers connect to; each socket runs a session (`socket-session.ts`). */
export function createSocketServer(http: HttpServer, options: RealtimeOptions): HubSocketServer {
  const io: HubSocketServer = new Server(http, {
    path: SOCKET_PATH,
    serveClient: false,
    ...(options.sharesUpgrades ? { destroyUpgrade: false } : {}),
    ...engineLimits(),
    ...socketAccessOptions(options.access ?? DEFAULT_ACCESS, options.onRefused),
  });
  // Validated once, first: the token check reads the validated handshake, so a bad field is named as such.
  io.use(validateHandshake);
  io.use(throttleFailedHandshakes(requireHandshakeToken(options.access?.token), options.handshakeLimit ?? DEFAULT_RATE_LIMIT));
  const events = new EventLimits();
  io.on('connection', (socket) => {
    events.watch(socket);
    startSession(socket, options);
  });
  return io;
}

/** Sends a pipeline event to the browsers that want it: room `all` and the rooms of its kind and artifact. */
export function broadcast(io: HubSocketServer, event: HubEvent): void {
  // Local: in a cluster every hub sends an event to its own pages once it serves that version (cluster/cluster.ts).
  sendEvent(io.local.to(eventRooms(event.payload)), event);
}

/** Sends an application event to this hub's pages that chose its topic, or no topic (issue 17). */
export function publish(io: HubSocketServer, event: PublishedEvent): void {
  // Local, as `broadcast`: the other hubs of a cluster follow it from the stream and send it to their own pages.
  sendEvent(io.local.to(publishedRooms(event.payload.topic)), event);
}
