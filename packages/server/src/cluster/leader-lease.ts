import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

/** Extends the lease only while `owner` still holds it: a lease that expired and was taken stays taken. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
/** Gives the lease up only if `owner` holds it, so a stopping hub never frees another's lease. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface LeaseOptions {
  key: string;
  /** Who holds the lease: unique per hub process. */
  owner: string;
  /** How long a lease lasts without renewal: a dead leader is replaced within `ttlMs` plus one retry. */
  ttlMs: number;
}

export interface LeaderLeaseEventMap {
  change: [held: boolean];
}

/**
 * A lease on a Redis key (`SET key owner NX PX ttl`), renewed three times per lease with a
 * compare-and-extend script. Hubs that do not hold it try to take it at the same pace, so when
 * the leader dies another takes over within `ttlMs` plus a third of it.
 */
export class LeaderLease extends EventEmitter<LeaderLeaseEventMap> {
  readonly #client: Redis;
  readonly #options: LeaseOptions;
  #held = false;
  #timer?: NodeJS.Timeout;
  #ticking: Promise<void> | undefined;

  constructor(client: Redis, options: LeaseOptions) {
    super();
    this.#client = client;
    this.#options = options;
  }

  get held(): boolean {
    return this.#held;
  }

  /** Tries now, then every third of the lease. */
  start(): Promise<void> {
    this.#timer ??= setInterval(() => void this.tick(), this.#options.ttlMs / 3);
    this.#timer.unref();
    return this.tick();
  }

  /** Renews the lease if held, takes it if free; while Redis is away the last known state stands. */
  tick(): Promise<void> {
    this.#ticking ??= this.#renewOrAcquire().finally(() => (this.#ticking = undefined));
    return this.#ticking;
  }

  /**
   * Redis went away: whatever becomes of the key meanwhile, this hub must win it again before it
   * leads the cluster, so two hubs never both lead once Redis is back.
   */
  forget(): void {
    this.#held = false;
  }

  /** Stops trying and frees the lease if this hub holds it, so another takes over at once. */
  async release(): Promise<void> {
    clearInterval(this.#timer);
    await this.#ticking;
    if (!this.#held) return;
    this.#set(false);
    const { key, owner } = this.#options;
    await this.#client.eval(RELEASE, 1, key, owner).catch(() => undefined);
  }

  async #renewOrAcquire(): Promise<void> {
    const { key, owner, ttlMs } = this.#options;
    try {
      if (this.#held && (await this.#client.eval(RENEW, 1, key, owner, ttlMs)) === 1) return;
      this.#set((await this.#client.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK');
    } catch {
      // Redis is away: the cluster treats every hub as leading alone until it is back.
    }
  }

  #set(held: boolean): void {
    if (held === this.#held) return;
    this.#held = held;
    this.emit('change', held);
  }
}
