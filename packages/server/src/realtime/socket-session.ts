import {
  Applied,
  ApplyFailed,
  type ClientToServerEvents,
  Handshake,
  type HubAck,
  KINDS,
  type KindName,
  PROTOCOL_VERSION,
  type Reloaded,
  RuntimeError,
  type ServerToClientEvents,
  type SocketData,
  TopicsRequest,
  validate,
} from '@hothub/shared';
import type { BroadcastOperator, Socket } from 'socket.io';
import type { HubEvent, LoggedEvent, PublishedEvent } from '../pipeline/event-log.js';
import { type CatchUpSource, withinContentBudget } from './catch-up.js';
import type { ClientFailure } from './client-failures.js';
import { type Pages, startSeqOf } from './pages.js';
import { runtimeErrorOf } from './runtime-failure.js';
import { ALL_TOPICS_ROOM, replays, roomsOf, topicRoomsOf } from './rooms.js';

export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SessionOptions {
  serverId: string;
  /** The folder of each kind the hub watches, relative to its root. */
  folders: Partial<Record<KindName, string>>;
  currentSeq(): number;
  /** What a reconnecting page missed. */
  catchUp: CatchUpSource;
  /** A browser could not apply a version (validated). */
  onApplyFailed(failure: ClientFailure): void;
  /** A page threw (validated `runtime_error`), with the socket that said so. */
  onRuntimeError(report: RuntimeError, socketId: string): void;
  /** The connected pages and what each applied (`GET /clients`). */
  pages: Pages;
  /** The event numbered `seq`, while the hub still has it. */
  eventAt(seq: number): LoggedEvent | undefined;
  /** A page applied `event` live: a delivery to measure. */
  onDelivered(event: Reloaded): void;
}

/** `io.use` middleware: a handshake that does not match the schema is refused with the failing path. */
export function validateHandshake(socket: HubSocket, next: (error?: Error) => void): void {
  const handshake = validate(Handshake, socket.handshake.auth, 'handshake');
  if (!handshake.ok) return next(new Error(handshake.error.message));
  socket.data.handshake = handshake.value;
  next();
}

/**
 * One browser's connection: joins the rooms of its subscription, greets it with `connected`,
 * sends what it missed since the `lastSeq` of its handshake, and records its `apply_failed` reports.
 * Runs synchronously, so no live event can slip between the greeting and the catch-up.
 */
export function startSession(socket: HubSocket, options: SessionOptions): void {
  const handshake = socket.data.handshake ?? {};
  const { lastSeq = 0, serverId, subscribe, topics } = handshake;
  void socket.join([...roomsOf(subscribe), ...topicRoomsOf(topics)]);
  trackPage(socket, handshake, options);
  const { folders } = options;
  const kinds = KINDS.filter((kind) => folders[kind] !== undefined);
  socket.emit('connected', { protocol: PROTOCOL_VERSION, serverId: options.serverId, seq: options.currentSeq(), kinds, folders });
  const missed = options.catchUp.catchUp({ lastSeq, ...(serverId === undefined ? {} : { serverId }) });
  for (const event of withinContentBudget(missed.filter((e) => replays(socket.rooms, e)))) if (event.name !== 'runtime_error') sendEvent(socket, event);
  socket.on('apply_failed', (raw, ack) => {
    const report = validate(ApplyFailed, raw, 'apply_failed report');
    const reply = typeof ack === 'function' ? ack : () => undefined;
    if (!report.ok) return reply({ ok: false, error: report.error.message });
    options.onApplyFailed({ ...report.value, ts: Date.now(), socketId: socket.id });
    options.pages.failed(socket.id, report.value);
    reply({ ok: true });
  });
  socket.on('runtime_error', (raw, ack) => {
    const report = validate(RuntimeError, raw, 'runtime_error report');
    const reply = replyOf(ack);
    if (!report.ok) return reply({ ok: false, error: report.error.message });
    options.onRuntimeError(report.value, socket.id);
    options.pages.failed(socket.id, runtimeFailure(report.value));
    reply({ ok: true });
  });
  socket.on('topics', (raw, ack) => {
    const request = validate(TopicsRequest, raw, 'topics request');
    const reply = replyOf(ack);
    if (!request.ok) return reply({ ok: false, error: request.error.message });
    for (const room of [...socket.rooms]) if (room.startsWith('topic:') || room === ALL_TOPICS_ROOM) void socket.leave(room);
    void socket.join(topicRoomsOf(request.value.topics));
    reply({ ok: true });
  });
  // socket.io drops events nobody listens to without a word: answer a sender that asked.
  socket.onAny((name: string, ...args: unknown[]) => {
    if (CLIENT_EVENTS.has(name)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') ack({ ok: false, error: `unknown event "${name}": a page may send only ${[...CLIENT_EVENTS].join(', ')}` });
  });
}

/**
 * Lists a page in `options.pages` while it is connected (not the console) and records its `applied`
 * acknowledgements; one that is malformed or names an event the hub no longer has (or a failure) is dropped.
 */
function trackPage(socket: HubSocket, handshake: Handshake, options: SessionOptions): void {
  if (handshake.console) return;
  const startSeq = startSeqOf(handshake, options.serverId, options.currentSeq());
  // On the socket: a cluster's other hubs read it through fetchSockets() to list this page too.
  socket.data.page = options.pages.add({ id: socket.id, handshake, userAgent: socket.handshake.headers['user-agent'], rooms: socket.rooms, startSeq });
  socket.on('disconnect', () => options.pages.delete(socket.id));
  socket.on('applied', (raw) => {
    const ack = validate(Applied, raw, 'applied');
    const event = ack.ok ? options.eventAt(ack.value.seq) : undefined;
    if (event?.name === 'reloaded' && options.pages.applied(socket.id, event.payload)) options.onDelivered(event.payload);
  });
}

/** Events a page may send (the keys of `ClientToServerEvents`). */
const CLIENT_EVENTS: ReadonlySet<string> = new Set(['apply_failed', 'applied', 'runtime_error', 'topics'] satisfies (keyof ClientToServerEvents)[]);

/** A page's ack callback, or nothing when it sent none. */
function replyOf(ack: unknown): (result: HubAck) => void {
  return typeof ack === 'function' ? (result) => void ack(result) : () => undefined;
}

/** A `runtime_error` as the page's failures list it (`GET /clients`): marked `runtime`, the message as its error. */
function runtimeFailure(report: RuntimeError): Parameters<Pages['failed']>[1] {
  const { message: _message, source: _source, stack: _stack, seq: _seq, unhandledRejection: _rejection, ...blamed } = report;
  return { ...blamed, error: runtimeErrorOf(report), runtime: true };
}

/** Emits a pipeline event under its socket.io name, to one socket or to rooms. */
export function sendEvent(
  target: HubSocket | BroadcastOperator<ServerToClientEvents, SocketData>,
  event: HubEvent | PublishedEvent,
): void {
  switch (event.name) {
    case 'reloaded':
      target.emit('reloaded', event.payload);
      break;
    case 'reload_failed':
      target.emit('reload_failed', event.payload);
      break;
    case 'published':
      target.emit('published', event.payload);
      break;
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}
