import type { Server as HttpServer } from 'node:http';
import { createSocketServer, type HubSocketServer, type RealtimeOptions } from './socket-server.js';

/** Events engine.io listens to on the server it attaches to. */
const SERVER_EVENTS = ['request', 'upgrade', 'close', 'listening'] as const;

export interface AttachedSocketServer {
  io: HubSocketServer;
  /** Disconnects this hub's sockets (never another hub's of the cluster) and gives the server back its own listeners; the server keeps listening. */
  detach(): void;
}

/**
 * socket.io on a server an embedding app owns. `io.close()` would close the app's server,
 * and engine.io wraps the server's `request` listeners for good, so stopping restores them instead.
 */
export function attachSocketServer(http: HttpServer, options: RealtimeOptions): AttachedSocketServer {
  const before = new Map(SERVER_EVENTS.map((event) => [event, http.listeners(event)]));
  // The app's server: its own upgrades (Vite's HMR socket, say) are not engine.io's to close.
  const io = createSocketServer(http, { ...options, sharesUpgrades: true });
  // Only what engine.io added comes off: listeners others add later (Vite's `close` callback) stay.
  const added = new Map(SERVER_EVENTS.map((event) => [event, http.listeners(event).filter((l) => !before.get(event)?.includes(l))]));
  return {
    io,
    detach() {
      // This hub's sockets only: through a cluster's adapter, disconnectSockets() reaches every hub's pages.
      io.local.disconnectSockets(true);
      io.engine.close();
      for (const [event, original] of before) {
        for (const listener of added.get(event) ?? []) if (isListener(listener)) http.removeListener(event, listener);
        for (const listener of original) {
          if (!http.listeners(event).includes(listener) && isListener(listener)) http.on(event, listener);
        }
      }
    },
  };
}

function isListener(value: unknown): value is (...args: unknown[]) => void {
  return typeof value === 'function';
}
