import { randomUUID } from 'node:crypto';
import type { EventMessage, HistoryEntry, Published, Reloaded, ReloadFailed, RuntimeErrorRecord } from '@hothub/shared';

/** An event as the hub sent it, tagged with its socket.io name: the wire's `EventMessage`, declared once in @hothub/shared. */
export type HubEvent = EventMessage;

/**
 * What the log keeps, each on the same `seq`: a pipeline run's event (`HubEvent`), an application event
 * (`published`) and a page's `runtime_error` (issue 17), the wire's `HistoryEntry`.
 */
export type LoggedEvent = HistoryEntry;
export type PublishedEvent = Extract<LoggedEvent, { name: 'published' }>;
export type RuntimeErrorEvent = Extract<LoggedEvent, { name: 'runtime_error' }>;

/** A pipeline run's event (`reloaded`, `reload_failed`), not an application event or a page's error. */
export function isRunEvent(event: LoggedEvent): event is HubEvent {
  return event.name === 'reloaded' || event.name === 'reload_failed';
}

type Unnumbered<T> = Omit<T, 'seq' | 'ts'>;

/** Events a hub keeps for replay and history, in memory, in `.hothub/` and in a cluster's Redis. */
export const HISTORY_CAPACITY = 1000;

/** Numbers reserved at once: one durable write per this many events (issue 12). */
export const RESERVED_RANGE = 1000;

/**
 * Where the highest `seq` this numbering may have used is kept, durably, before any number above the
 * previous mark leaves the hub: a hub killed mid-burst (its history file behind what pages were sent)
 * restarts above every `seq` a page may hold (issue 12).
 */
export interface SeqReservation {
  /** The mark an earlier run left (0 if none). */
  readonly reserved: number;
  /** Makes `upTo` the mark before returning; never throws (a failure is reported by the store, and numbering goes on). */
  reserve(upTo: number): void;
}

/**
 * Numbers every event the hub sends and keeps the latest ones for replay and history. What it numbers
 * reaches `.hothub/` and the cluster's stream through the history consumer of `after-run.ts`.
 */
export class EventLog {
  #id = randomUUID().slice(0, 8);
  #seq = 0;
  readonly #events: LoggedEvent[] = [];
  /** Events taken over by `restore`: an earlier run or another hub announced them already. */
  readonly #restored = new WeakSet<LoggedEvent>();
  #reservation?: SeqReservation;
  /** This log numbers up to here without writing a new mark. */
  #reserved = 0;
  /** An earlier run numbered past its history file (a crash): what pages hold is unknown, so a startup load renumbers. */
  #gapped = false;

  constructor(private readonly capacity = HISTORY_CAPACITY) {}

  /**
   * Which numbering `seq` belongs to: a fresh one, the one restored from `.hothub/`, or the cluster's.
   * A page's `lastSeq` means something only under the same id.
   */
  get id(): string {
    return this.#id;
  }

  /** Number of the latest event (0 before any). */
  get seq(): number {
    return this.#seq;
  }

  reloaded(input: Unnumbered<Reloaded>): HubEvent {
    return this.#unchangedSinceRestart(input) ?? this.#number({ name: 'reloaded', payload: { ...input, seq: this.#next(), ts: Date.now() } });
  }

  failed(input: Unnumbered<ReloadFailed>): HubEvent {
    return this.#number({ name: 'reload_failed', payload: { ...input, seq: this.#next(), ts: Date.now() } });
  }

  /** An application event (`hub.publish`), numbered like a run's so pages replay it in order. */
  published(input: Unnumbered<Published>): PublishedEvent {
    return this.#number({ name: 'published', payload: { ...input, seq: this.#next(), ts: Date.now() } });
  }

  /** A page's `runtime_error`, numbered so history (and a cluster's other hubs) keep it in order; pages never get it. */
  runtimeError(input: Unnumbered<RuntimeErrorRecord>): RuntimeErrorEvent {
    return this.#number({ name: 'runtime_error', payload: { ...input, seq: this.#next(), ts: Date.now() } });
  }

  /**
   * Numbers from here on only under `reservation`'s mark, starting above the mark an earlier run left: call
   * after `restore`. A mark above the restored history means that run died before writing all it sent.
   */
  reserveWith(reservation: SeqReservation): void {
    this.#reservation = reservation;
    this.#reserved = reservation.reserved;
    this.#gapped = reservation.reserved > this.#seq;
    this.raise(reservation.reserved);
  }

  /**
   * Another hub (a cluster's leader killed mid-burst) may have sent numbers up to `seq` that no history
   * holds: number above them, and have the next startup load announce every artifact again.
   */
  renumberAbove(seq: number): void {
    this.#gapped = true;
    this.raise(seq);
  }

  /** Lowers the mark to the latest number (a clean stop): the next run goes on at `seq + 1`, with no gap. */
  releaseUnused(): void {
    if (!this.#reservation || this.#reserved === this.#seq) return;
    this.#reserved = this.#seq;
    this.#reservation.reserve(this.#seq);
  }

  /** Events newer than `seq`, oldest first. */
  since(seq: number): LoggedEvent[] {
    return this.#events.filter((e) => e.payload.seq > seq);
  }

  /** Adds an event another hub of the cluster numbered; this log's next number comes after it. */
  record(event: LoggedEvent): void {
    const last = this.#events.at(-1);
    if (last && last.payload.seq >= event.payload.seq) return;
    this.#push(event);
    this.raise(event.payload.seq);
  }

  /** Another hub numbered up to `seq`: never number at or below it here. */
  raise(seq: number): void {
    this.#seq = Math.max(this.#seq, seq);
  }

  /** Takes over a history kept elsewhere (`.hothub/`, the cluster): its id and events. `seq` never goes backwards. */
  restore(id: string, events: readonly LoggedEvent[]): void {
    this.#id = id;
    this.#events.length = 0;
    for (const event of events.slice(-this.capacity)) {
      this.record(event);
      this.#restored.add(event);
    }
  }

  /**
   * True for an event taken over from `.hothub/` or the cluster, which a startup load re-sends when
   * its version did not change: pages need it again, a record of what changed (the audit log) does not.
   */
  announcedBefore(event: LoggedEvent): boolean {
    return this.#restored.has(event);
  }

  /**
   * A startup load of the version the restored history already announced last: restarting a hub
   * changes nothing for pages, so it re-sends that event instead of numbering a new one.
   */
  #unchangedSinceRestart(input: Unnumbered<Reloaded>): HubEvent | undefined {
    if (input.trigger !== 'startup' || input.removed || this.#gapped) return undefined;
    const latest = this.#events.findLast((e) => isRunEvent(e) && e.payload.kind === input.kind && e.payload.id === input.id);
    if (latest?.name !== 'reloaded' || latest.payload.removed || latest.payload.version !== input.version) return undefined;
    return latest;
  }

  #next(): number {
    const seq = ++this.#seq;
    if (this.#reservation && seq > this.#reserved) {
      this.#reserved = seq + RESERVED_RANGE - 1;
      this.#reservation.reserve(this.#reserved);
    }
    return seq;
  }

  #number<E extends LoggedEvent>(event: E): E {
    this.#push(event);
    return event;
  }

  #push(event: LoggedEvent): void {
    this.#events.push(event);
    if (this.#events.length > this.capacity) this.#events.shift();
  }
}
