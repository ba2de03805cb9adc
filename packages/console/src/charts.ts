import type { EventMessage } from '@hothub/shared';
import { h, svg } from './dom.js';

const WIDTH = 600;
const HEIGHT = 120;

/** Reloads and failures per minute over the last `minutes`, oldest first. */
export function perMinute(events: readonly EventMessage[], minutes: number, now = Date.now()): Array<{ ok: number; failed: number }> {
  const buckets = Array.from({ length: minutes }, () => ({ ok: 0, failed: 0 }));
  for (const { name, payload } of events) {
    const age = Math.floor((now - payload.ts) / 60_000);
    const bucket = buckets[minutes - 1 - age];
    if (!bucket) continue;
    if (name === 'reloaded') bucket.ok++;
    else bucket.failed++;
  }
  return buckets;
}

/** Stacked bars, one per minute: reloads (green) under failures (red). */
export function reloadsChart(buckets: ReadonlyArray<{ ok: number; failed: number }>): SVGElement {
  const max = Math.max(1, ...buckets.map((b) => b.ok + b.failed));
  const step = WIDTH / Math.max(1, buckets.length);
  const scale = (n: number) => (n / max) * (HEIGHT - 14);
  const bars = buckets.flatMap((b, i) => {
    const x = i * step + 1;
    const ok = scale(b.ok);
    const failed = scale(b.failed);
    return [
      svg('rect', { class: 'ok', x, y: HEIGHT - ok, width: step - 2, height: ok }, svg('title', {}, `${b.ok} reloads`)),
      svg('rect', { class: 'bad', x, y: HEIGHT - ok - failed, width: step - 2, height: failed }, svg('title', {}, `${b.failed} failures`)),
    ];
  });
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': 'reloads and failures per minute' }, svg('text', { x: 2, y: 10 }, `max ${max}/min`), ...bars);
}

export interface PercentileRow {
  label: string;
  p50: number | null;
  p95: number | null;
}

/** One line per row: a p95 bar with the p50 bar over it, on a shared scale, values in ms. */
export function percentileChart(rows: readonly PercentileRow[]): Element {
  if (!rows.length) return h('p', { class: 'empty' }, 'no measurements yet');
  const max = Math.max(1, ...rows.map((r) => r.p95 ?? 0));
  const line = 18;
  const labelWidth = 150;
  const span = WIDTH - labelWidth - 140;
  const width = (ms: number | null) => ((ms ?? 0) / max) * span;
  const lines = rows.flatMap((row, i) => {
    const y = i * line;
    return [
      svg('text', { x: 0, y: y + 13 }, row.label),
      svg('rect', { class: 'p95', x: labelWidth, y: y + 3, width: width(row.p95), height: 12 }),
      svg('rect', { class: 'p50', x: labelWidth, y: y + 3, width: width(row.p50), height: 12 }),
      svg('text', { x: labelWidth + span + 6, y: y + 13 }, `p50 ${ms(row.p50)} · p95 ${ms(row.p95)}`),
    ];
  });
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${rows.length * line + 4}`, class: 'chart', role: 'img', 'aria-label': 'latency percentiles' }, ...lines);
}

function ms(value: number | null): string {
  return value === null ? '–' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}
