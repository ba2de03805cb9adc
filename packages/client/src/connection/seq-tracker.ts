/**
 * The `seq` of the latest event this page took, and the hub that numbered it: sent in every
 * handshake so the hub replays what the page missed, and used to drop anything seen twice.
 */
export class SeqTracker {
  #lastSeq = 0;
  #serverId: string | undefined;

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** What the handshake carries. */
  resume(): { lastSeq: number; serverId?: string } {
    return this.#serverId === undefined ? { lastSeq: this.#lastSeq } : { lastSeq: this.#lastSeq, serverId: this.#serverId };
  }

  /**
   * A hub greeted the page at `seq`. On the first connection the page holds what the hub served
   * over HTTP, so it starts from `seq`; a different hub numbers its events from scratch.
   */
  connected(serverId: string, seq: number): void {
    if (this.#serverId === undefined) this.#lastSeq = Math.max(this.#lastSeq, seq);
    else if (this.#serverId !== serverId) this.#lastSeq = 0;
    this.#serverId = serverId;
  }

  /** True the first time a `seq` is offered; false for anything at or below the latest one taken. */
  take(seq: number): boolean {
    if (seq <= this.#lastSeq) return false;
    this.#lastSeq = seq;
    return true;
  }
}
