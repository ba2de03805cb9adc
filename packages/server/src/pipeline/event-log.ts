import { randomUUID } from 'node:crypto';
import type { EventMessage, Reloaded, ReloadFailed } from '@hothub/shared';

/** An event as the hub sent it, tagged with its socket.io name: the wire's `EventMessage`, declared once in @hothub/shared. */
export type HubEvent = EventMessage;

type Unnumbered<T> = Omit<T, 'seq' | 'ts'>;

/** Events a hub keeps for replay and history, in memory, in `.hothub/` and in a cluster's Redis. */
export const HISTORY_CAPACITY = 1000;

/**
 * Numbers every event the hub sends and keeps the latest ones for replay and history. What it numbers
 * reaches `.hothub/` and the cluster's stream through the history consumer of `after-run.ts`.
 */
export class EventLog {
  #id = randomUUID().slice(0, 8);
  #seq = 0;
  readonly #events: HubEvent[] = [];
  /** Events taken over by `restore`: an earlier run or another hub announced them already. */
  readonly #restored = new WeakSet<HubEvent>();

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
    return this.#unchangedSinceRestart(input) ?? this.#number({ name: 'reloaded', payload: { ...input, seq: ++this.#seq, ts: Date.now() } });
  }

  failed(input: Unnumbered<ReloadFailed>): HubEvent {
    return this.#number({ name: 'reload_failed', payload: { ...input, seq: ++this.#seq, ts: Date.now() } });
  }

  /** Events newer than `seq`, oldest first. */
  since(seq: number): HubEvent[] {
    return this.#events.filter((e) => e.payload.seq > seq);
  }

  /** Adds an event another hub of the cluster numbered; this log's next number comes after it. */
  record(event: HubEvent): void {
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
  restore(id: string, events: readonly HubEvent[]): void {
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
  announcedBefore(event: HubEvent): boolean {
    return this.#restored.has(event);
  }

  /**
   * A startup load of the version the restored history already announced last: restarting a hub
   * changes nothing for pages, so it re-sends that event instead of numbering a new one.
   */
  #unchangedSinceRestart(input: Unnumbered<Reloaded>): HubEvent | undefined {
    if (input.trigger !== 'startup' || input.removed) return undefined;
    const latest = this.#events.findLast((e) => e.payload.kind === input.kind && e.payload.id === input.id);
    if (latest?.name !== 'reloaded' || latest.payload.removed || latest.payload.version !== input.version) return undefined;
    return latest;
  }

  #number(event: HubEvent): HubEvent {
    this.#push(event);
    return event;
  }

  #push(event: HubEvent): void {
    this.#events.push(event);
    if (this.#events.length > this.capacity) this.#events.shift();
  }
}
