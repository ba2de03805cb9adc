import { type AlertNotice, errorMessage } from '@hothub/shared';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../util/log.js';

export interface AlertWebhookLimits {
  /** Attempts per notice, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubled before each later one. */
  firstRetryMs: number;
  /** Notices waiting to be sent; past it the oldest is dropped (and said once per burst). */
  maxQueue: number;
  /** Per request. */
  timeoutMs: number;
}

const DEFAULT_LIMITS: AlertWebhookLimits = { attempts: 5, firstRetryMs: 1000, maxQueue: 100, timeoutMs: 5000 };

/**
 * POSTs each alert notice as JSON to `--alert-webhook URL`, one at a time in order: a network error, a timeout or
 * a non-2xx answer is retried with exponential backoff (1 s, 2 s, 4 s, 8 s by default), then dropped with a log
 * line. Never throws into the hub, and `close()` stops waiting.
 */
export class AlertWebhook {
  readonly #queue: AlertNotice[] = [];
  readonly #stop = new AbortController();
  readonly #limits: AlertWebhookLimits;
  #sending: Promise<void> | undefined;
  #dropped = 0;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    limits: Partial<AlertWebhookLimits> = {},
  ) {
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
  }

  send(notice: AlertNotice): void {
    if (this.#stop.signal.aborted) return;
    this.#queue.push(notice);
    if (this.#queue.length > this.#limits.maxQueue) {
      this.#queue.shift();
      if (this.#dropped++ === 0) this.logger.warn(`alert webhook ${this.url} is behind: more than ${this.#limits.maxQueue} notices wait, the oldest are dropped`);
    }
    this.#sending ??= this.#drain().finally(() => (this.#sending = undefined));
  }

  /** Stops sending; notices still queued are dropped. */
  async close(): Promise<void> {
    this.#stop.abort();
    await this.#sending;
  }

  async #drain(): Promise<void> {
    for (let notice = this.#queue.shift(); notice && !this.#stop.signal.aborted; notice = this.#queue.shift()) {
      await this.#deliver(notice);
    }
    this.#dropped = 0;
  }

  async #deliver(notice: AlertNotice): Promise<void> {
    const { attempts, firstRetryMs, timeoutMs } = this.#limits;
    let failure = '';
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0 && !(await this.#wait(firstRetryMs * 2 ** (attempt - 1)))) return;
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(notice),
          signal: AbortSignal.any([this.#stop.signal, AbortSignal.timeout(timeoutMs)]),
        });
        await response.body?.cancel();
        if (response.ok) return;
        failure = `HTTP ${response.status}`;
      } catch (error) {
        if (this.#stop.signal.aborted) return;
        failure = errorMessage(error);
      }
    }
    this.logger.warn(`alert webhook ${this.url} did not take alert ${notice.alert.name} (${notice.state}) after ${attempts} attempts (${failure}): check that it answers 2xx to a JSON POST`);
  }

  /** False when the hub stopped meanwhile. */
  async #wait(ms: number): Promise<boolean> {
    try {
      await delay(ms, undefined, { signal: this.#stop.signal });
      return true;
    } catch {
      return false;
    }
  }
}
