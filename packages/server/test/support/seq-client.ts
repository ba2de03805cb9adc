import { type ClientToServerEvents, type Reloaded, SOCKET_PATH, type ServerToClientEvents } from '@hothub/shared';
import { io, type Socket } from 'socket.io-client';
import { onTestFinished } from 'vitest';

/**
 * A page as the SDK behaves (`client/src/connection/seq-tracker.ts`), without a browser: it sends
 * the last `seq` it applied and the numbering it came from in every handshake, applies an event
 * only if its `seq` is newer, and can move to another hub keeping what it applied.
 */
export class SeqClient {
  /** Events applied, in order. */
  readonly applied: Reloaded[] = [];
  /** Events offered again after they were applied (must stay empty). */
  readonly repeated: Reloaded[] = [];
  #lastSeq = 0;
  #serverId: string | undefined;
  #socket?: Socket<ServerToClientEvents, ClientToServerEvents>;

  /** Connects to `url` (leaving any hub it was on) and resolves once greeted. */
  async connect(url: string): Promise<void> {
    this.disconnect();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      reconnection: false,
      auth: (send) => send(this.#serverId === undefined ? { lastSeq: this.#lastSeq } : { lastSeq: this.#lastSeq, serverId: this.#serverId }),
    });
    this.#socket = socket;
    onTestFinished(() => void socket.close());
    socket.on('reloaded', (event) => {
      if (event.seq <= this.#lastSeq) return void this.repeated.push(event);
      this.#lastSeq = event.seq;
      this.applied.push(event);
    });
    await new Promise<void>((resolve) =>
      socket.once('connected', ({ serverId }) => {
        // Numbers of another numbering say nothing: start over, as the SDK does.
        if (this.#serverId !== undefined && this.#serverId !== serverId) this.#lastSeq = 0;
        this.#serverId = serverId;
        resolve();
      }),
    );
  }

  disconnect(): void {
    this.#socket?.close();
  }

  /** Contents applied for one stylesheet, in order. */
  contents(id: string): Array<string | undefined> {
    return this.applied.filter((e) => e.id === id).map((e) => e.content);
  }
}
