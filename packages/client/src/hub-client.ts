import {
  type ClientToServerEvents,
  Connected,
  type Infer,
  ReloadFailed,
  Reloaded,
  SOCKET_PATH,
  type Schema,
  type ServerToClientEvents,
  validate,
} from '@hothub/shared';
import { io, type Socket } from 'socket.io-client';
import { createUpdateQueue } from './apply/queue.js';
import { applyStyle } from './apply/style.js';
import { Emitter } from './emitter.js';

export interface HubClientOptions {
  /** Base URL of the hub (origin plus any path prefix). Default: the page's origin. */
  url?: string;
}

/** What `hub.on()` can listen to. */
export interface HubClientEvents extends Record<string, unknown> {
  connected: Connected;
  reloaded: Reloaded;
  reload_failed: ReloadFailed;
  disconnected: { reason: string };
}

export interface HubClient {
  /** Listens to an event; returns the function that stops listening. */
  on<K extends keyof HubClientEvents>(name: K, handler: (payload: HubClientEvents[K]) => void): () => void;
  /** `seq` of the latest event this page has seen. */
  readonly lastSeq: number;
  readonly connected: boolean;
  /** Resolves once every update received so far has been applied. */
  settled(): Promise<void>;
  close(): void;
}

/**
 * Connects the page to a hub and applies every change it announces.
 * @example
 * import { connect } from '@hothub/client';
 * const hub = connect({ url: 'http://127.0.0.1:8888' });
 * hub.on('reloaded', (e) => console.log(`${e.kind} ${e.id} reloaded`));
 */
export function connect(options: HubClientOptions = {}): HubClient {
  const base = new URL(options.url ?? location.origin, location.href);
  const hubUrl = base.href.replace(/\/+$/, '');
  const prefix = base.pathname.replace(/\/+$/, '');
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(base.origin, {
    path: `${prefix}${SOCKET_PATH}`,
    transports: ['websocket', 'polling'],
  });
  const emitter = new Emitter<HubClientEvents>();
  let lastSeq = 0;
  let tail: Promise<void> = Promise.resolve();
  const enqueue = createUpdateQueue((error) => console.error('[hothub] could not apply an update', error));

  const accept = <S extends Schema>(schema: S, raw: unknown, name: string): Infer<S> | undefined => {
    const result = validate(schema, raw, `${name} event`);
    if (result.ok) return result.value;
    console.warn(`[hothub] dropped an event: ${result.error.message}`);
    return undefined;
  };

  socket.on('connected', (raw) => {
    const event = accept(Connected, raw, 'connected');
    if (event) emitter.emit('connected', event);
  });
  socket.on('reloaded', (raw) => {
    const event = accept(Reloaded, raw, 'reloaded');
    if (!event) return;
    lastSeq = Math.max(lastSeq, event.seq);
    tail = enqueue(async () => {
      await applyReloaded(event, hubUrl);
      emitter.emit('reloaded', event);
    });
  });
  socket.on('reload_failed', (raw) => {
    const event = accept(ReloadFailed, raw, 'reload_failed');
    if (!event) return;
    lastSeq = Math.max(lastSeq, event.seq);
    emitter.emit('reload_failed', event);
  });
  socket.on('disconnect', (reason) => emitter.emit('disconnected', { reason }));

  return {
    on: (name, handler) => emitter.on(name, handler),
    get lastSeq() {
      return lastSeq;
    },
    get connected() {
      return socket.connected;
    },
    settled: () => tail,
    close: () => socket.close(),
  };
}

async function applyReloaded(event: Reloaded, hubUrl: string): Promise<void> {
  switch (event.kind) {
    case 'style':
      // A deleted sheet stays in the page as it last was, like any last good version.
      if (!event.removed) await applyStyle(event, hubUrl);
      return;
    case 'theme':
    case 'component':
    case 'wizard':
    case 'plugin':
    case 'config':
      // Server-side kinds only notify; the browser kinds beyond styles arrive with the SDK's next slice.
      return;
    default: {
      const never: never = event.kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}
