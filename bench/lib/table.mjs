const cell = (value) => (value === undefined ? 'n/a' : String(value));

/** The results as the markdown table that goes into docs/benchmarks.md. */
export function markdownTable(results) {
  const rows = [
    '| tool | saves | p50 ms | p95 ms | max ms | missed | final save applied (bursts) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const [tool, r] of Object.entries(results)) {
    if (r.error) {
      rows.push(`| ${tool} | error: ${r.error} | | | | | |`);
      continue;
    }
    const { latency, missed, bursts } = r;
    rows.push(
      `| ${tool} | ${latency.n} | ${cell(latency.p50)} | ${cell(latency.p95)} | ${cell(latency.max)} | ${missed} | ${bursts.applied} of ${bursts.of} |`,
    );
  }
  return rows.join('\n');
}
