import type { ClientFailureEntry, ConnectedPage, Handshake, PageState, Reloaded } from '@hothub/shared';
import type { LoggedEvent } from '../pipeline/event-log.js';
import { topicsOf, wants } from './rooms.js';

/** Failures kept per page: a page that keeps failing cannot grow the list. */
const FAILURES_PER_PAGE = 20;

/** A page's socket as this hub holds it, or as `fetchSockets()` reports another hub's. */
export interface PageSocket {
  id: string;
  /** Its rooms (a live view on this hub): which artifacts the page wants. */
  rooms: ReadonlySet<string>;
  data: { handshake?: Handshake; page?: PageState };
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
 * `GET /clients` and the lag `/status` reports. The console is no page: it is never added. Each record is the
 * page's `PageState`, which the session keeps on its socket (`socket.data.page`) for the other hubs of a cluster.
 * @example
 * socket.data.page = pages.add({ id: socket.id, handshake, userAgent, rooms: socket.rooms, startSeq: 4 });
 * pages.applied(socket.id, event); // → the page's record now lists event.version
 */
export class Pages {
  readonly #pages = new Map<string, PageSocket & { data: { page: PageState } }>();

  /** `hub`: this hub's name in `GET /clients` (read when a page connects: a hub knows its URL once it listens). */
  constructor(private readonly hub: () => string) {}

  add(hello: PageHello): PageState {
    const { id, handshake, rooms, userAgent, startSeq } = hello;
    const page: PageState = { hub: this.hub(), ...(userAgent === undefined ? {} : { userAgent }), connectedAt: Date.now(), startSeq, lastSeq: startSeq, applied: {}, failures: [] };
    this.#pages.set(id, { id, rooms, data: { handshake, page } });
    return page;
  }

  delete(id: string): void {
    this.#pages.delete(id);
  }

  /**
   * The page `id` applied `event`. True when it is a delivery to count: a page (not the console) got
   * it live, numbered after it connected (a catch-up's old events would count the time it was away).
   */
  applied(id: string, event: Reloaded): boolean {
    const page = this.#pages.get(id)?.data.page;
    if (!page) return false;
    page.applied[`${event.kind}/${event.id}`] = { version: event.version, seq: event.seq, at: Date.now() };
    page.lastSeq = Math.max(page.lastSeq, event.seq);
    return event.ts >= page.connectedAt;
  }

  /** The page reported `apply_failed`, or a `runtime_error` (marked `runtime`). */
  failed(id: string, failure: Omit<ClientFailureEntry, 'at'>): void {
    const page = this.#pages.get(id)?.data.page;
    if (!page) return;
    page.failures.push({ ...failure, at: Date.now() });
    if (page.failures.length > FAILURES_PER_PAGE) page.failures.shift();
  }

  /** This hub's pages, with the artifacts each is behind on given the hub's `recent` events (oldest first). */
  list(recent: readonly LoggedEvent[]): ConnectedPage[] {
    return describePages([...this.#pages.values()], recent);
  }
}

/**
 * Pages as `GET /clients` lists them: each socket that holds a page's record (the console's holds none), with
 * the artifacts it is behind on given `recent` events (oldest first; a cluster's hubs share the numbering).
 */
export function describePages(sockets: readonly PageSocket[], recent: readonly LoggedEvent[]): ConnectedPage[] {
  const latest = latestVersions(recent);
  return sockets.flatMap(({ id, rooms, data: { handshake = {}, page } }) => {
    if (!page) return [];
    const { hub, userAgent, connectedAt, startSeq, lastSeq, applied, failures } = page;
    const behind = [...latest].filter(([key, event]) => event.seq > startSeq && wants(rooms, event) && (applied[key]?.seq ?? 0) < event.seq);
    return {
      id,
      hub,
      ...(handshake.page === undefined ? {} : { url: handshake.page }),
      ...(userAgent === undefined ? {} : { userAgent }),
      ...(handshake.subscribe === undefined ? {} : { subscription: handshake.subscribe }),
      ...topicsField(topicsOf(rooms)),
      connectedAt,
      lastSeq,
      applied: { ...applied },
      failures: [...failures],
      behind: behind.map(([key]) => key),
    };
  });
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
