import type { AppliedVersion, ClientFailureEntry, ConnectedPage, Handshake, Reloaded } from '@hothub/shared';
import type { LoggedEvent } from '../pipeline/event-log.js';
import { topicsOf, wants } from './rooms.js';

/** Failures kept per page: a page that keeps failing cannot grow the list. */
const FAILURES_PER_PAGE = 20;

interface PageRecord {
  id: string;
  handshake: Handshake;
  userAgent: string | undefined;
  /** The socket's rooms (a live view): which artifacts the page wants. */
  rooms: ReadonlySet<string>;
  connectedAt: number;
  /** Events up to this seq reached the page before it connected (its load, or its catch-up's start). */
  startSeq: number;
  lastSeq: number;
  applied: Map<string, AppliedVersion>;
  failures: ConnectedPage['failures'];
}

/** What a page said when it connected, as the session read it. */
export interface PageHello {
  id: string;
  handshake: Handshake;
  userAgent: string | undefined;
  rooms: ReadonlySet<string>;
  /** Where the page starts: the seq of the last event it has (see `startSeqOf`). */
  startSeq: number;
}

/**
 * The pages connected to this hub and what each acknowledged (`applied`, `apply_failed`), for
 * `GET /clients` and the lag `/status` reports. The console is no page: it is never added.
 * @example
 * pages.add({ id: socket.id, handshake, userAgent, rooms: socket.rooms, startSeq: 4 });
 * pages.applied(socket.id, event); // → the page's record now lists event.version
 */
export class Pages {
  readonly #pages = new Map<string, PageRecord>();

  add(hello: PageHello): void {
    const { startSeq } = hello;
    this.#pages.set(hello.id, { ...hello, connectedAt: Date.now(), lastSeq: startSeq, applied: new Map(), failures: [] });
  }

  delete(id: string): void {
    this.#pages.delete(id);
  }

  /**
   * The page `id` applied `event`. True when it is a delivery to count: a page (not the console) got
   * it live, numbered after it connected (a catch-up's old events would count the time it was away).
   */
  applied(id: string, event: Reloaded): boolean {
    const page = this.#pages.get(id);
    if (!page) return false;
    page.applied.set(`${event.kind}/${event.id}`, { version: event.version, seq: event.seq, at: Date.now() });
    page.lastSeq = Math.max(page.lastSeq, event.seq);
    return event.ts >= page.connectedAt;
  }

  /** The page reported `apply_failed`, or a `runtime_error` (marked `runtime`). */
  failed(id: string, failure: Omit<ClientFailureEntry, 'at'>): void {
    const page = this.#pages.get(id);
    if (!page) return;
    page.failures.push({ ...failure, at: Date.now() });
    if (page.failures.length > FAILURES_PER_PAGE) page.failures.shift();
  }

  /** Every page, with the artifacts it is behind on given the hub's `recent` events (oldest first). */
  list(recent: readonly LoggedEvent[]): ConnectedPage[] {
    const latest = latestVersions(recent);
    return [...this.#pages.values()].map((page) => {
      const { id, handshake, userAgent, connectedAt, startSeq, lastSeq } = page;
      const behind = [...latest].filter(([key, event]) => event.seq > startSeq && wants(page.rooms, event) && (page.applied.get(key)?.seq ?? 0) < event.seq);
      return {
        id,
        ...(handshake.page === undefined ? {} : { url: handshake.page }),
        ...(userAgent === undefined ? {} : { userAgent }),
        ...(handshake.subscribe === undefined ? {} : { subscription: handshake.subscribe }),
        ...topicsField(topicsOf(page.rooms)),
        connectedAt,
        lastSeq,
        applied: Object.fromEntries(page.applied),
        failures: [...page.failures],
        behind: behind.map(([key]) => key),
      };
    });
  }
}

/**
 * The seq of the last event a page has when it connects: the `lastSeq` it resumes from on this
 * numbering; 0 when it resumes from another numbering (it gets a snapshot of everything); the hub's
 * current seq for a fresh page, which loaded the serving versions over HTTP.
 */
export function startSeqOf(handshake: Handshake, serverId: string, currentSeq: number): number {
  if (handshake.serverId === undefined) return currentSeq;
  return handshake.serverId === serverId ? Math.min(handshake.lastSeq ?? 0, currentSeq) : 0;
}

/** The latest `reloaded` event of each artifact among `events` (oldest first). */
function latestVersions(events: readonly LoggedEvent[]): Map<string, Reloaded> {
  const latest = new Map<string, Reloaded>();
  for (const event of events) if (event.name === 'reloaded') latest.set(`${event.payload.kind}/${event.payload.id}`, event.payload);
  return latest;
}

/** `topics` of `GET /clients`: absent for a page that chose none (it gets every topic). */
function topicsField(topics: string[]): { topics?: string[] } {
  return topics.length ? { topics } : {};
}
