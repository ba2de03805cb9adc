import type { OutcomeCounts, ReloadStatistics } from '@hothub/shared';
import type { HubEvent } from '../pipeline/event-log.js';

/** Durations kept for percentiles: the latest this many successful reloads. */
const DURATION_WINDOW = 1000;

/** How a run ended, for counting: a failure before apply is a validation failure, after it a rollback. */
export function outcomeOf(event: HubEvent): 'success' | 'rollback' | 'validation' {
  if (event.name === 'reloaded') return 'success';
  return event.payload.rolledBack ? 'rollback' : 'validation';
}

/** Counts of every reload since the hub started, overall and per kind. */
export class ReloadStats {
  readonly #total = emptyCounts();
  readonly #byKind = new Map<string, OutcomeCounts>();
  readonly #durations: number[] = [];

  record(event: HubEvent): void {
    const perKind = this.#byKind.get(event.payload.kind) ?? emptyCounts();
    this.#byKind.set(event.payload.kind, perKind);
    for (const counts of [this.#total, perKind]) add(counts, event);
    if (event.name === 'reloaded') {
      this.#durations.push(event.payload.durationMs);
      if (this.#durations.length > DURATION_WINDOW) this.#durations.shift();
    }
  }

  /** Successful reloads since start, without computing percentiles. */
  get successful(): number {
    return this.#total.successful;
  }

  /** Counts of one kind (zeros when it never reloaded). */
  kind(kind: string): OutcomeCounts {
    return { ...(this.#byKind.get(kind) ?? emptyCounts()) };
  }

  /** The counts: not the pages' deliveries (`DeliveryStats`) nor the hub's settings and handlers. */
  statistics(): Omit<ReloadStatistics, 'appliedMs' | 'handlersRegistered' | 'periodicRefreshEnabled' | 'refreshIntervalSeconds'> {
    const sorted = [...this.#durations].sort((a, b) => a - b);
    const total = this.#total;
    return {
      ...total,
      successRate: total.total ? total.successful / total.total : null,
      byKind: Object.fromEntries(this.#byKind),
      durationMs: { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) },
    };
  }
}

function emptyCounts(): OutcomeCounts {
  return { total: 0, successful: 0, failed: 0, rollbacks: 0, validationFailures: 0 };
}

function add(counts: OutcomeCounts, event: HubEvent): void {
  counts.total++;
  const outcome = outcomeOf(event);
  if (outcome === 'success') counts.successful++;
  else counts.failed++;
  if (outcome === 'rollback') counts.rollbacks++;
  if (outcome === 'validation') counts.validationFailures++;
}

/** Nearest-rank percentile of sorted values; null when there are none. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? null;
}
