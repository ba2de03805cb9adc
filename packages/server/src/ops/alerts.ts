import type { ActiveAlert, AlertName } from '@hothub/shared';
import type { HubEvent } from '../pipeline/event-log.js';
import type { AlertThresholds } from '../options/alert-thresholds.js';
import { outcomeOf } from './reload-stats.js';

const HOUR_MS = 60 * 60 * 1000;
const TEN_MINUTES_MS = 10 * 60 * 1000;
/** Bounds memory when reloads come very fast; the windows then cover the latest samples only. */
const MAX_SAMPLES = 100_000;

interface Sample {
  at: number;
  failed: boolean;
  rollback: boolean;
  validation: boolean;
  /** A page's `runtime_error` (issue 17): a failure of what the hub served, not a reload. */
  runtime: boolean;
  durationMs: number;
}

/**
 * Watches reload outcomes over sliding windows and raises alerts when a threshold is crossed:
 * failure rate and rollbacks over an hour, a slow reload (stays raised an hour), validation
 * failures over 10 minutes. `onRaise` runs once per alert each time it becomes active.
 */
export class Alerts {
  readonly #samples: Sample[] = [];
  readonly #raised = new Map<AlertName, number>();

  constructor(
    private readonly thresholds: AlertThresholds,
    private readonly onRaise: (alert: ActiveAlert) => void,
    private readonly now: () => number = Date.now,
  ) {}

  record(event: HubEvent): void {
    const outcome = outcomeOf(event);
    this.#samples.push({
      at: this.now(),
      failed: outcome !== 'success',
      rollback: outcome === 'rollback',
      validation: outcome === 'validation',
      runtime: false,
      durationMs: event.name === 'reloaded' ? event.payload.durationMs : 0,
    });
    if (this.#samples.length > MAX_SAMPLES) this.#samples.shift();
    this.active();
  }

  /** A page reported a `runtime_error`: counted as a failure in `failure_rate` (issue 17). */
  recordRuntimeError(): void {
    this.#samples.push({ at: this.now(), failed: true, rollback: false, validation: false, runtime: true, durationMs: 0 });
    if (this.#samples.length > MAX_SAMPLES) this.#samples.shift();
    this.active();
  }

  /** Alerts whose condition holds now. */
  active(): ActiveAlert[] {
    const now = this.now();
    while (this.#samples.length && this.#samples[0]!.at <= now - HOUR_MS) this.#samples.shift();
    const hour = this.#samples;
    const tenMinutes = hour.filter((s) => s.at > now - TEN_MINUTES_MS);
    const failed = hour.filter((s) => s.failed).length;
    const runtime = count(hour, (s) => s.runtime);
    const ofWhich = runtime ? ` (${runtime} of them runtime errors reported by pages)` : '';
    const t = this.thresholds;
    const measured: Array<[AlertName, number, number, string]> = [
      ['failure_rate', hour.length ? failed / hour.length : 0, t.failureRate, `${failed} of ${hour.length} reloads failed in the last hour${ofWhich}`],
      ['rollbacks', count(hour, (s) => s.rollback), t.rollbacks, 'rollbacks in the last hour'],
      ['slow_reload', hour.reduce((max, s) => Math.max(max, s.durationMs), 0), t.slowReloadMs, 'ms: slowest reload in the last hour'],
      ['validation_failures', count(tenMinutes, (s) => s.validation), t.validationFailures, 'validation failures in the last 10 minutes'],
    ];
    const alerts: ActiveAlert[] = [];
    for (const [name, value, threshold, what] of measured) {
      if (!(value > threshold)) {
        this.#raised.delete(name);
        continue;
      }
      const since = this.#raised.get(name) ?? now;
      const alert = { name, value, threshold, since, message: `${name === 'failure_rate' ? what : `${value} ${what}`} (threshold ${threshold})` };
      if (!this.#raised.has(name)) {
        this.#raised.set(name, since);
        this.onRaise(alert);
      }
      alerts.push(alert);
    }
    return alerts;
  }
}

function count(samples: Sample[], test: (s: Sample) => boolean): number {
  return samples.filter(test).length;
}
