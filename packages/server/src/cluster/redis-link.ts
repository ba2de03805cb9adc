import { EventEmitter } from 'node:events';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../util/log.js';

/** Longest pause between two attempts to reach Redis again. */
const MAX_RETRY_DELAY_MS = 1000;
/** A command Redis does not answer within this is treated as Redis being away. */
const COMMAND_TIMEOUT_MS = 2000;

export interface RedisLinkEventMap {
  /** Redis answers (again): the hub (re)joins the cluster. */
  up: [];
  /** Redis stopped answering: the hub serves its own clients alone until `up`. */
  down: [];
}

/**
 * The hub's connection to the cluster's Redis. Commands fail at once while Redis is away (no
 * offline queue: a reload must not wait for Redis), the link keeps reconnecting, and each
 * change between reachable and unreachable is logged once.
 */
export class RedisLink extends EventEmitter<RedisLinkEventMap> {
  readonly client: Redis;
  readonly #where: string;
  readonly #logger: Logger;
  #up = false;
  /** Whether "unreachable" was already logged for the current outage (or the first attempt). */
  #reportedDown = false;

  constructor(url: string, logger: Logger) {
    super();
    this.#logger = logger;
    // host:port only: the URL may carry a password.
    this.#where = new URL(url).host;
    this.client = new Redis(url, this.#options());
    this.client.on('ready', () => this.#setUp(true));
    this.client.on('close', () => this.#setUp(false));
    // ioredis reports every failed reconnection; `close` already covers them.
    this.client.on('error', () => undefined);
  }

  get up(): boolean {
    return this.#up;
  }

  /** Tries to reach Redis once and resolves either way; the link keeps trying in the background. */
  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch {
      this.#setUp(false);
    }
  }

  /** A second connection to the same Redis, for commands that block (XREAD BLOCK); it queues commands while Redis is away. */
  duplicate(): Redis {
    // XREAD BLOCK outlasts any command timeout: the reader has none (duplicate() would keep the client's).
    const { commandTimeout: _none, ...options } = this.client.options;
    const reader = new Redis({ ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
    reader.on('error', () => undefined);
    return reader;
  }

  close(): void {
    // Leaving on purpose is not an outage.
    this.#reportedDown = true;
    this.client.disconnect();
  }

  #options(): RedisOptions {
    return {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(100 * attempt, MAX_RETRY_DELAY_MS),
    };
  }

  #setUp(up: boolean): void {
    if (up === this.#up) {
      if (!up && !this.#reportedDown) {
        this.#reportedDown = true;
        this.#logger.warn(`cannot reach Redis at ${this.#where}; serving this hub's clients alone until it answers`);
      }
      return;
    }
    this.#up = up;
    if (up) {
      this.#reportedDown = false;
      this.#logger.info(`connected to Redis at ${this.#where}`);
      this.emit('up');
      return;
    }
    if (!this.#reportedDown) {
      this.#reportedDown = true;
      this.#logger.warn(`lost Redis at ${this.#where}; serving this hub's clients alone until it is back`);
    }
    this.emit('down');
  }
}
