import { io } from 'socket.io-client';

/**
 * A page as the SDK behaves (`client/src/connection/seq-tracker.ts`), without a browser: it sends the last
 * `seq` it applied and its numbering in every handshake and applies an event only if its `seq` is newer.
 * `applied` holds the last event applied per artifact (`kind/id`); `regressions` counts greetings below a
 * `seq` it saw under the same numbering, `staleDrops` events dropped as already seen that carried another
 * version than the page has (both mean the SDK would miss a change).
 */
export function seqPage() {
  const state = { lastSeq: 0, serverId: undefined, applied: new Map(), events: 0, regressions: 0, staleDrops: 0, socket: undefined };
  state.connect = (url) =>
    new Promise((resolve) => {
      state.socket?.close();
      const socket = io(url, {
        path: '/ws/hot-reload',
        transports: ['websocket'],
        reconnection: false,
        auth: (send) => send(state.serverId === undefined ? { lastSeq: state.lastSeq } : { lastSeq: state.lastSeq, serverId: state.serverId }),
      });
      state.socket = socket;
      socket.on('reloaded', (event) => {
        const key = `${event.kind}/${event.id}`;
        if (event.seq <= state.lastSeq) {
          if (state.applied.get(key)?.version !== event.version) state.staleDrops++;
          return;
        }
        state.lastSeq = event.seq;
        state.events++;
        state.applied.set(key, event);
      });
      socket.once('connected', ({ serverId, seq }) => {
        if (serverId === state.serverId && seq < state.lastSeq) state.regressions++;
        // Numbers of another numbering say nothing: start over, as the SDK does.
        if (state.serverId !== undefined && state.serverId !== serverId) state.lastSeq = 0;
        state.serverId = serverId;
        resolve();
      });
    });
  return state;
}
