const cell = (value) => (value === undefined ? 'n/a' : String(value));

/** The floor every tool is compared with: the sheet's text pushed in the message, as hothub does. */
export const FLOOR = 'floor-inline';

/** tool ÷ floor, to two decimals; undefined when either figure is missing. */
const ratio = (tool, floor) => (tool === undefined || !floor ? undefined : Math.round((tool / floor) * 100) / 100);

/** Each tool's p50 and p95 of single saves and p50 of a burst's final save, divided by the floor's from the same run. */
export function floorRatios(results) {
  const floor = results[FLOOR];
  if (!floor || floor.error) return undefined;
  const ratios = {};
  for (const [tool, r] of Object.entries(results)) {
    if (r.error || tool === FLOOR) continue;
    ratios[tool] = {
      p50: ratio(r.latency.p50, floor.latency.p50),
      p95: ratio(r.latency.p95, floor.latency.p95),
      burstFinalSaveP50: ratio(r.bursts.finalSaveMs.p50, floor.bursts.finalSaveMs.p50),
    };
  }
  return ratios;
}

/** The results as the markdown table that goes into docs/benchmarks.md. */
export function markdownTable(results) {
  const ratios = floorRatios(results) ?? {};
  const rows = [
    `| tool | saves | p50 ms | p95 ms | max ms | missed | final save of a burst, p50 ms from its write | final save applied (bursts) | ÷ ${FLOOR}: p50 / p95 / burst |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const [tool, r] of Object.entries(results)) {
    if (r.error) {
      rows.push(`| ${tool} | error: ${r.error} | | | | | | | |`);
      continue;
    }
    const { latency, missed, bursts } = r;
    const x = ratios[tool];
    rows.push(
      `| ${tool} | ${latency.n} | ${cell(latency.p50)} | ${cell(latency.p95)} | ${cell(latency.max)} | ${missed} | ${cell(bursts.finalSaveMs.p50)} | ${bursts.applied} of ${bursts.of} | ${x ? `${cell(x.p50)} / ${cell(x.p95)} / ${cell(x.burstFinalSaveP50)}` : '—'} |`,
    );
  }
  return rows.join('\n');
}
