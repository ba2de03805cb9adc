import { type EventMessage, ReloadFailed, Reloaded, type RunPhases, SOCKET_PATH, validate } from '@hothub/shared';
import { io } from 'socket.io-client';
import { BASE, token } from './api.js';
import { clock, h, show } from './dom.js';

/** Rows kept in the live stream: older ones scroll away. */
const MAX_ROWS = 200;

/** One event as a row: when, what, why (the cause chain), how long and in which steps, and for a failure what went wrong. */
export function eventRow(event: EventMessage): HTMLLIElement {
  const { payload } = event;
  // The chain runs from the saved file to this artifact (the file alone when it is the artifact's own).
  const chain = payload.cause ? (payload.cause.chain ?? [payload.cause.file]).join(' → ') : undefined;
  const failed = event.name === 'reload_failed';
  return h(
    'li',
    { class: failed ? 'event failed' : 'event', 'data-seq': String(payload.seq) },
    h('span', { class: 'time' }, clock(payload.ts)),
    h('span', { class: 'what' }, `${payload.kind}/${payload.id}`),
    h('span', { class: 'trigger' }, payload.trigger),
    chain ? h('span', { class: 'cause' }, chain) : null,
    payload.phases ? h('span', { class: 'phases' }, phasesText(payload.phases)) : null,
    event.name === 'reloaded' ? h('span', { class: 'ms' }, `${event.payload.durationMs.toFixed(1)} ms`) : null,
    event.name === 'reload_failed' ? h('span', { class: 'error' }, failureText(event.payload)) : null,
  );
}

/** `read 0.08 · validate 0.41 · … ms`: each step the run reached, in the pipeline's order. */
function phasesText(phases: RunPhases): string {
  return `${Object.entries(phases)
    .map(([step, ms]) => `${step} ${(ms ?? 0).toFixed(2)}`)
    .join(' · ')} ms`;
}

function failureText(event: ReloadFailed): string {
  const { file, line, message } = event.error;
  const where = file ? `${file}${line ? `:${line}` : ''} ` : '';
  return `${event.rolledBack ? 'rolled back: ' : ''}${where}${message}`;
}

/**
 * The live stream: the console connects like a page, marked `console: true` in its handshake so
 * `GET /clients` does not list it, and shows each event as it arrives, newest first; `seed` adds what
 * history holds from before (an event older than the newest shown is skipped: it is there already).
 */
export function startEventStream(list: HTMLElement, state: HTMLElement): { seed(history: readonly EventMessage[]): void } {
  const secret = token.get();
  const socket = io(location.origin, { path: `${BASE}${SOCKET_PATH}`, transports: ['websocket', 'polling'], auth: { console: true, ...(secret ? { token: secret } : {}) } });
  /** Events come from history and live: each seq once, newer ones on top. */
  let shown = 0;
  const add = (event: EventMessage) => {
    if (event.payload.seq <= shown) return;
    shown = event.payload.seq;
    list.prepend(eventRow(event));
    while (list.childElementCount > MAX_ROWS) list.lastElementChild?.remove();
  };
  socket.on('reloaded', (raw) => {
    const event = validate(Reloaded, raw, 'reloaded event');
    if (event.ok) add({ name: 'reloaded', payload: event.value });
  });
  socket.on('reload_failed', (raw) => {
    const event = validate(ReloadFailed, raw, 'reload_failed event');
    if (event.ok) add({ name: 'reload_failed', payload: event.value });
  });
  socket.on('connect', () => show(state, 'live'));
  socket.on('disconnect', () => show(state, 'disconnected: reconnecting…'));
  socket.on('connect_error', (error) => show(state, `cannot connect: ${error.message}`));
  // What happened before the console opened, from history (newest first), up to the rows it keeps.
  return { seed: (history) => history.slice(0, MAX_ROWS).reverse().forEach(add) };
}
