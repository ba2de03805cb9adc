import type { ServerOptions } from 'socket.io';
import { FixedWindows } from '../util/fixed-windows.js';
import type { HubSocket } from './socket-session.js';

/** Bounds of the socket endpoint, per socket and per address (documented in docs/operations.md, "Socket limits"). */
export const SOCKET_LIMITS = {
  /** Largest packet (or polling body) a page may send: pages send a handshake and small `apply_failed` reports. */
  maxPacketBytes: 64 * 1024,
  /** Time an opened connection has to send its handshake. */
  connectTimeoutMs: 10_000,
  /** Events one socket may send per second; more are refused. */
  eventsPerSocket: 20,
  /** Events all sockets of one address may send per second together; more are refused. */
  eventsPerAddress: 200,
  /** A socket that sends more events than this in one second is disconnected. */
  disconnectAbove: 100,
  /**
   * `applied` acknowledgements one socket may send per second, counted apart: a page acks every event
   * a catch-up replays at once (up to the hub's 1,000 recent events), more than it honestly can is disconnected.
   */
  acksPerSocket: 1000,
} as const;

/** engine.io options: a packet over the limit closes its connection; a silent connection is closed after the timeout. */
export function engineLimits(): Partial<ServerOptions> {
  return { maxHttpBufferSize: SOCKET_LIMITS.maxPacketBytes, connectTimeout: SOCKET_LIMITS.connectTimeoutMs };
}

/**
 * Rate-limits the events sockets send (`apply_failed` and unknown ones alike), per socket and per address,
 * so that one flooding page cannot delay the events every other page waits for.
 * @example
 * const limits = new EventLimits();
 * io.on('connection', (socket) => limits.watch(socket));
 */
export class EventLimits {
  readonly #perSocket = new FixedWindows({ max: SOCKET_LIMITS.eventsPerSocket, windowS: 1 });
  readonly #perAddress = new FixedWindows({ max: SOCKET_LIMITS.eventsPerAddress, windowS: 1 });
  readonly #acks = new FixedWindows({ max: SOCKET_LIMITS.acksPerSocket, windowS: 1 });

  /** Installs the limit on a socket: events over it are dropped, answered on their ack if they have one. */
  watch(socket: HubSocket): void {
    socket.use(([name, ...args], next) => {
      if (name === 'applied') return this.#acks.hit(socket.id).limited ? void socket.disconnect(true) : next();
      const own = this.#perSocket.hit(socket.id);
      const address = this.#perAddress.hit(socket.handshake.address);
      if (!own.limited && !address.limited) return next();
      if (own.count > SOCKET_LIMITS.disconnectAbove) return void socket.disconnect(true);
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ ok: false, error: refusal(name, own.limited) });
    });
    // No 'disconnect' listener to forget the socket: its one-second windows lapse and are pruned
    // (FixedWindows' key cap), and one closure less per socket counts at 20,000 pages (issue 18).
  }
}

function refusal(name: unknown, bySocket: boolean): string {
  const limit = bySocket
    ? `more than ${SOCKET_LIMITS.eventsPerSocket} events per second from this socket`
    : `more than ${SOCKET_LIMITS.eventsPerAddress} events per second from this address`;
  return `too many events: ${limit}; "${String(name)}" was dropped (a socket over ${SOCKET_LIMITS.disconnectAbove} per second is disconnected)`;
}
