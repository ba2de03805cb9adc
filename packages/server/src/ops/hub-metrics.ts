import { ALERT_NAMES, type ActiveAlert } from '@hothub/shared';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HubEvent } from '../pipeline/event-log.js';
import { outcomeOf } from './reload-stats.js';

export interface MetricsSources {
  connections(): number;
  alerts(): ActiveAlert[];
}

/**
 * The hub's Prometheus metrics, in a registry of its own (several hubs may share a process):
 * reloads by kind and result, reload durations, rollbacks, validation failures, connected
 * clients, active alerts, and prom-client's process and event-loop-lag metrics.
 */
export class HubMetrics {
  readonly registry = new Registry();
  readonly #reloads = new Counter({
    name: 'hothub_reloads_total',
    help: 'Reloads by kind and result (success or failure)',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });
  readonly #durations = new Histogram({
    name: 'hothub_reload_duration_seconds',
    help: 'Duration of successful reloads, from read to commit',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly #delivered = new Histogram({
    name: 'hothub_save_to_applied_seconds',
    help: "From a run's file read to a page's acknowledgement that it applied the version, per page",
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly #rollbacks = new Counter({
    name: 'hothub_rollbacks_total',
    help: 'Reloads undone after apply or the health check failed',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly #validationFailures = new Counter({
    name: 'hothub_validation_failures_total',
    help: 'Reloads refused before apply: unreadable, unparsable or invalid files',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    new Gauge({
      name: 'hothub_connected_clients',
      help: 'Sockets connected now',
      registers: [this.registry],
      collect() {
        this.set(sources.connections());
      },
    });
    new Gauge({
      name: 'hothub_alert_active',
      help: '1 while the alert is raised',
      labelNames: ['alert'] as const,
      registers: [this.registry],
      collect() {
        const active = new Set(sources.alerts().map((a) => a.name));
        for (const name of ALERT_NAMES) this.set({ alert: name }, active.has(name) ? 1 : 0);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  record(event: HubEvent): void {
    const { kind } = event.payload;
    const outcome = outcomeOf(event);
    this.#reloads.inc({ kind, result: outcome === 'success' ? 'success' : 'failure' });
    if (event.name === 'reloaded') this.#durations.observe({ kind }, event.payload.durationMs / 1000);
    if (outcome === 'rollback') this.#rollbacks.inc({ kind });
    if (outcome === 'validation') this.#validationFailures.inc({ kind });
  }

  /** A page applied a version of `kind` `ms` after its run started. */
  delivered(kind: string, ms: number): void {
    this.#delivered.observe({ kind }, ms / 1000);
  }
}
