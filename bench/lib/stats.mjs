/** p50/p95/max of latencies in ms (nearest-rank percentiles), rounded to 0.1 ms. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const round = (ms) => Math.round(ms * 10) / 10;
  return sorted.length === 0
    ? { n: 0 }
    : { n: sorted.length, p50: round(rank(50)), p95: round(rank(95)), max: round(sorted.at(-1)), min: round(sorted[0]) };
}
