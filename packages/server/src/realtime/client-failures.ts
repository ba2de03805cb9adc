import type { ApplyFailed } from '@hothub/shared';

/** A browser's report that it could not apply a version, as the hub recorded it. */
export interface ClientFailure extends ApplyFailed {
  /** When the hub received it (ms since the epoch). */
  ts: number;
  /** The socket that sent it: tells tabs apart. */
  socketId: string;
}

/** The latest failures browsers reported (`apply_failed`), newest last; bounded so a noisy page cannot grow it. */
export class ClientFailures {
  readonly #records: ClientFailure[] = [];

  constructor(private readonly capacity = 200) {}

  record(failure: ClientFailure): void {
    this.#records.push(failure);
    if (this.#records.length > this.capacity) this.#records.shift();
  }

  list(): ClientFailure[] {
    return [...this.#records];
  }
}
