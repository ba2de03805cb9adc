import { type ActiveAlert, errorMessage } from '@hothub/shared';
import type { HealthCheckResult } from '../pipeline/health-checks.js';
import type { Logger } from '../util/log.js';

/** The last run of every check, and when it finished (ms since the epoch). */
export interface HealthSnapshot {
  results: HealthCheckResult[];
  at: number;
}

export interface HealthMonitorOptions {
  /** Runs every check, each named as `GET /health` shows it. */
  run(): Promise<HealthCheckResult[]>;
  intervalMs: number;
  /** The interval while this is true (a version on probation), when shorter than `intervalMs`. */
  watching(): boolean;
  watchIntervalMs: number;
  /** Every run's results, after the monitor recorded them (probation judges them). */
  onResults(results: HealthCheckResult[]): Promise<void>;
  logger: Logger;
  /** Level of the `health_checks` alert line: `debug` in dev mode, where the terminal is for reloads; default `warn`. */
  alertLevel?: 'warn' | 'debug';
  now?: () => number;
}

/**
 * Runs the health checks every `--health-interval` (and on `GET /health`), keeps the last results, and
 * raises the `health_checks` alert while a check fails: logged once when a check starts failing and once
 * when it recovers. Runs never overlap: a request during a run waits for that run.
 */
export class HealthMonitor {
  readonly #options: HealthMonitorOptions;
  readonly #now: () => number;
  #latest?: HealthSnapshot;
  #running: Promise<HealthSnapshot> | undefined;
  #next: Promise<HealthSnapshot> | undefined;
  /** Failing checks and since when. */
  readonly #failing = new Map<string, number>();
  #timer?: NodeJS.Timeout;
  #stopped = false;

  constructor(options: HealthMonitorOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Runs the checks now, then every interval (every `watchIntervalMs` while watching) until `stop()`. */
  start(): void {
    const { intervalMs, watchIntervalMs, watching } = this.#options;
    // Wakes at the shorter interval so a version going on probation is watched from its next wake-up.
    const wake = Math.min(intervalMs, watchIntervalMs);
    const tick = () => {
      const due = !this.#latest || watching() || this.#now() - this.#latest.at >= intervalMs - wake / 2;
      void (due ? this.check() : Promise.resolve())
        .catch((error: unknown) => this.#options.logger.error('health checks could not run', { error: errorMessage(error) }))
        .finally(() => {
        if (this.#stopped) return;
        this.#timer = setTimeout(tick, wake);
        this.#timer.unref();
      });
    };
    tick();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** The last results, if a run finished. */
  latest(): HealthSnapshot | undefined {
    return this.#latest;
  }

  /**
   * Runs every check and records the results. A call during a run gets the next run, which starts once
   * that one is done (a check added meanwhile is in it); calls meanwhile share it.
   */
  check(): Promise<HealthSnapshot> {
    if (this.#running) {
      this.#next ??= this.#running.then(
        () => this.#start(),
        () => this.#start(),
      );
      return this.#next;
    }
    return this.#start();
  }

  #start(): Promise<HealthSnapshot> {
    this.#next = undefined;
    this.#running = this.#run().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** `health_checks` while a check fails: how many, since the first of them failed. */
  alerts(): ActiveAlert[] {
    if (!this.#failing.size) return [];
    const names = [...this.#failing.keys()];
    return [{ name: 'health_checks', value: names.length, threshold: 0, since: Math.min(...this.#failing.values()), message: `failing: ${names.join(', ')}` }];
  }

  async #run(): Promise<HealthSnapshot> {
    const { run, onResults, logger } = this.#options;
    const results = await run();
    const snapshot = { results, at: this.#now() };
    this.#latest = snapshot;
    for (const { name, ok, message } of results) {
      if (!ok && !this.#failing.has(name)) {
        this.#failing.set(name, snapshot.at);
        logger[this.#options.alertLevel ?? 'warn'](`alert health_checks: ${name} is failing: ${message ?? 'failed'}`, { check: name });
      } else if (ok && this.#failing.delete(name)) {
        logger.info(`health check ${name} recovered`, { check: name });
      }
    }
    const present = new Set(results.map((result) => result.name));
    for (const name of this.#failing.keys()) if (!present.has(name)) this.#failing.delete(name);
    try {
      await onResults(results);
    } catch (error) {
      logger.error('probation could not judge the health results', { error: errorMessage(error) });
    }
    return snapshot;
  }
}
