/** What `DeliveryIds.claim` decided. */
export type Claim = 'accepted' | 'replayed' | 'full';

export interface DeliveryIdsOptions {
  /** Ids remembered at most; past it new deliveries are refused, never an old id forgotten early. */
  max: number;
  /** Milliseconds since the epoch (tests pass their own clock). */
  now?: () => number;
}

/**
 * The webhook delivery ids a hub accepted, each until its timestamp leaves the accepted window
 * (after that the timestamp check refuses a replay on its own). Memory is bounded by `max`: when
 * it is reached, `claim` answers `full` rather than evicting, since forgetting a live id would
 * let its delivery be replayed. Only signed deliveries are claimed, so only the secret's holder
 * can fill it.
 */
export class DeliveryIds {
  readonly #expiry = new Map<string, number>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: DeliveryIdsOptions) {
    this.#max = options.max;
    this.#now = options.now ?? Date.now;
  }

  /** Remembers `id` until `expiresAt` (ms) unless it is already remembered or memory is full. */
  claim(id: string, expiresAt: number): Claim {
    const now = this.#now();
    this.#forgetExpired(now);
    const known = this.#expiry.get(id);
    if (known !== undefined && known > now) return 'replayed';
    if (this.#expiry.size >= this.#max) return 'full';
    this.#expiry.set(id, expiresAt);
    return 'accepted';
  }

  /** Forgets an id whose delivery failed, so the sender's retry of it is not taken for a replay. */
  release(id: string): void {
    this.#expiry.delete(id);
  }

  get size(): number {
    return this.#expiry.size;
  }

  #forgetExpired(now: number): void {
    for (const [id, expiresAt] of this.#expiry) if (expiresAt <= now) this.#expiry.delete(id);
  }
}
