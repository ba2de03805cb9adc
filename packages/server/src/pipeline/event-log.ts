import type { Reloaded, ReloadFailed } from '@hothub/shared';

/** An event as the hub sent it, tagged with its socket.io name. */
export type HubEvent = { name: 'reloaded'; payload: Reloaded } | { name: 'reload_failed'; payload: ReloadFailed };

type Unnumbered<T> = Omit<T, 'seq' | 'ts'>;

/** Numbers every event the hub sends and keeps the latest ones for replay and history. */
export class EventLog {
  #seq = 0;
  readonly #events: HubEvent[] = [];

  constructor(private readonly capacity = 1000) {}

  /** Number of the latest event (0 before any). */
  get seq(): number {
    return this.#seq;
  }

  reloaded(input: Unnumbered<Reloaded>): HubEvent {
    return this.#push({ name: 'reloaded', payload: { ...input, seq: ++this.#seq, ts: Date.now() } });
  }

  failed(input: Unnumbered<ReloadFailed>): HubEvent {
    return this.#push({ name: 'reload_failed', payload: { ...input, seq: ++this.#seq, ts: Date.now() } });
  }

  /** Events newer than `seq`, oldest first. */
  since(seq: number): HubEvent[] {
    return this.#events.filter((e) => e.payload.seq > seq);
  }

  #push(event: HubEvent): HubEvent {
    this.#events.push(event);
    if (this.#events.length > this.capacity) this.#events.shift();
    return event;
  }
}
