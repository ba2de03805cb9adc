import { errorMessage } from '@hothub/shared';
import type { Logger } from '../util/log.js';
import type { ConfigChange } from './config-store.js';
import { matchesKey } from './key-pattern.js';

/** Called once per changed key; a returned promise is not awaited, but its rejection is logged. */
export type ConfigChangeHandler = (change: ConfigChange) => unknown;

export interface SubscribeOptions {
  /** Only changes of this config (default: every config). */
  config?: string;
}

interface Subscription {
  pattern: string;
  handler: ConfigChangeHandler;
  config?: string;
}

/** Subscribers by key pattern (`*`, `db.*`, `db.pool.size`); see `matchesKey`. */
export class ConfigSubscriptions {
  readonly #subscriptions = new Set<Subscription>();

  constructor(private readonly logger: Logger) {}

  /** Returns a function that unsubscribes. */
  subscribe(pattern: string, handler: ConfigChangeHandler, options: SubscribeOptions = {}): () => void {
    const subscription: Subscription = { pattern, handler, ...(options.config === undefined ? {} : { config: options.config }) };
    this.#subscriptions.add(subscription);
    return () => void this.#subscriptions.delete(subscription);
  }

  /** How many handlers are subscribed. */
  get size(): number {
    return this.#subscriptions.size;
  }

  /** Delivers each change to every matching subscriber; one that throws does not stop the others. */
  notify(changes: readonly ConfigChange[]): void {
    for (const change of changes) {
      for (const { pattern, handler, config } of this.#subscriptions) {
        if ((config !== undefined && config !== change.config) || !matchesKey(pattern, change.key)) continue;
        try {
          Promise.resolve(handler(change)).catch((error: unknown) => this.#failed(pattern, change, error));
        } catch (error) {
          this.#failed(pattern, change, error);
        }
      }
    }
  }

  #failed(pattern: string, change: ConfigChange, error: unknown): void {
    this.logger.error(`config subscriber for "${pattern}" failed on ${change.config}: ${change.key}`, {
      error: errorMessage(error),
    });
  }
}
