import type { Reloaded, ReloadStatistics } from '@hothub/shared';
import { percentile } from './reload-stats.js';

/** Deliveries kept per kind for percentiles: the latest this many acknowledgements. */
const DELIVERY_WINDOW = 1000;

/**
 * Save-to-applied as real pages report it: from the start of the run (its file read: `ts - durationMs`)
 * to a page's `applied` reaching the hub, per kind. One page's ack is one sample, so ten tabs give ten.
 */
export class DeliveryStats {
  readonly #byKind = new Map<string, { acks: number; recent: number[] }>();

  /** A page applied `event` live; returns the delay measured, in ms. */
  record(event: Reloaded, at = Date.now()): number {
    const ms = Math.max(0, at - (event.ts - event.durationMs));
    const kind = this.#byKind.get(event.kind) ?? { acks: 0, recent: [] };
    this.#byKind.set(event.kind, kind);
    kind.acks++;
    kind.recent.push(ms);
    if (kind.recent.length > DELIVERY_WINDOW) kind.recent.shift();
    return ms;
  }

  statistics(): ReloadStatistics['appliedMs'] {
    return Object.fromEntries(
      [...this.#byKind].map(([kind, { acks, recent }]) => {
        const sorted = [...recent].sort((a, b) => a - b);
        return [kind, { acks, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) }];
      }),
    );
  }
}
