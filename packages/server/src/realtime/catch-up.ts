import type { EventLog, HubEvent, LoggedEvent } from '../pipeline/event-log.js';

/** Where a reconnecting page left off: the last `seq` it saw, numbered by hub `serverId`. */
export interface CatchUpRequest {
  lastSeq: number;
  serverId?: string;
}

/**
 * What a page that reconnects must receive to end in the state of a fresh load. A clustered hub
 * implements this over its shared stream; `LocalCatchUp` serves one hub from its own memory.
 */
export interface CatchUpSource {
  /** Events the page missed, oldest first (application events too); the page skips any `seq` it already applied. */
  catchUp(request: CatchUpRequest): LoggedEvent[];
}

/**
 * The events a page missed from the `EventLog` when it still holds them all, otherwise (log
 * wrapped, or the page last talked to another hub, e.g. before a restart) a snapshot: the event
 * that made each artifact's current version, plus its failure if one came after. The events it missed
 * include `published` ones (the session filters them by the page's topics); a snapshot has none: they are
 * events, not state (issue 17).
 */
export class LocalCatchUp implements CatchUpSource {
  readonly #latest = new Map<string, { reloaded?: HubEvent; failed?: HubEvent }>();

  /** Compares a page's `serverId` with the log's id: the hub's numbering, kept in `.hothub/` and shared by a cluster. */
  constructor(private readonly log: EventLog) {}

  /** Feed every event the hub sends, in order. */
  observe(event: HubEvent): void {
    const key = `${event.payload.kind}/${event.payload.id}`;
    if (event.name === 'reloaded') this.#latest.set(key, { reloaded: event });
    else this.#latest.set(key, { ...this.#latest.get(key), failed: event });
  }

  catchUp({ lastSeq, serverId }: CatchUpRequest): LoggedEvent[] {
    // A page on its first connection loaded the current state over HTTP.
    if (serverId === undefined && lastSeq === 0) return [];
    // Numbers of another hub (one that restarted), or ones this hub never sent, say nothing about what the page has.
    const comparable = serverId === this.log.id && lastSeq <= this.log.seq;
    if (comparable) {
      const missed = this.log.since(lastSeq);
      if (missed.length === this.log.seq - lastSeq) return missed;
    }
    return this.snapshot().filter((event) => !comparable || event.payload.seq > lastSeq);
  }

  /** The current state as events, oldest first. */
  snapshot(): HubEvent[] {
    const events = [...this.#latest.values()].flatMap(({ reloaded, failed }) => [reloaded, failed]);
    return events.filter((e): e is HubEvent => e !== undefined).sort((a, b) => a.payload.seq - b.payload.seq);
  }
}

/** Inline `content` replayed to one connecting page, in bytes (docs/operations.md, "Socket limits"). */
export const REPLAY_CONTENT_BYTES = 256 * 1024;

/**
 * A replay whose inline `content` stays within `budget` bytes: later events go without it and the page
 * fetches their `url`. Any made-up `serverId` gets a snapshot, and a real one with `lastSeq: 0` the
 * whole log, so without this a 100-byte handshake could draw megabytes.
 */
export function withinContentBudget(events: LoggedEvent[], budget = REPLAY_CONTENT_BYTES): LoggedEvent[] {
  let left = budget;
  return events.map((event) => {
    if (event.name !== 'reloaded' || event.payload.content === undefined) return event;
    left -= Buffer.byteLength(event.payload.content);
    if (left >= 0) return event;
    const { content, ...payload } = event.payload;
    return { ...event, payload };
  });
}
