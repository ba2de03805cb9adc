// Stylesheet validation cost by sheet size: postcss's parse alone (the check's main cost), and the
// pipeline's `durationMs` (read, UTF-8 and CSS checks, apply, notify) for a 10 KB and a 200 KB sheet,
// run in-process without the watcher (prod mode). Prints one JSON document on stdout.
// Run: pnpm bench:style [--reloads N]
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHub } from 'hothub';
import { summarize } from './lib/stats.mjs';
import { tempDir } from './lib/temp-dir.mjs';

const { values: args } = parseArgs({ options: { reloads: { type: 'string', default: '200' } } });
const RELOADS = Number(args.reloads);
const WARMUP = 20;
/** The postcss the hub itself uses. */
const postcss = createRequire(import.meta.resolve('hothub'))('postcss');

/** A component-library-like sheet of about `bytes` bytes: rules, states, media and container queries, nesting, custom properties. */
function sheet(bytes, version) {
  const parts = [`:root { --accent: #${(version % 4096).toString(16).padStart(3, '0')}; --radius: 6px; --shadow: 0 1px 2px rgb(0 0 0 / .2); }\n`];
  for (let i = 0; parts.join('').length < bytes; i++) {
    parts.push(
      `.c${i} { display: flex; gap: calc(var(--radius) * ${i % 5}); color: var(--accent); border-radius: var(--radius); }\n`,
      `.c${i}:hover, .c${i}:focus-visible { box-shadow: var(--shadow); transform: translateY(-1px); }\n`,
      `.c${i} { & > .t { font: 500 14px/1.4 system-ui, sans-serif; } &:has(> img) { padding: 4px 8px; } }\n`,
      `@media (min-width: ${600 + i}px) { .c${i} { grid-template-columns: repeat(${1 + (i % 4)}, minmax(0, 1fr)); } }\n`,
      `@container card (min-width: 30em) { .c${i} .t { background: linear-gradient(90deg, #fff 0%, rgb(240 240 240) 100%); } }\n`,
    );
  }
  return parts.join('');
}

/** postcss.parse of one sheet, warm, timed to the microsecond (the pipeline's figures are rounded to 0.1 ms). */
function parseRuns(bytes) {
  const text = sheet(bytes, 1);
  for (let i = 0; i < WARMUP; i++) postcss.parse(text);
  const times = [];
  for (let i = 0; i < RELOADS * 2; i++) {
    const started = performance.now();
    postcss.parse(text);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] * 1000) / 1000;
  return { bytes: Buffer.byteLength(text), runs: times.length, p50: at(0.5), p95: at(0.95) };
}

async function pipelineRuns(bytes) {
  const temp = await tempDir('style-validate');
  await mkdir(join(temp.dir, 'styles'), { recursive: true });
  const file = join(temp.dir, 'styles', 'main.css');
  await writeFile(file, sheet(bytes, 0));
  const hub = createHub({ root: temp.dir, port: 0, logLevel: 'silent', mode: 'prod', token: 'bench-token' });
  await hub.start();
  const durations = [];
  try {
    for (let i = 1; i <= WARMUP + RELOADS; i++) {
      await writeFile(file, sheet(bytes, i));
      const [event] = await hub.reload('style/main.css', 'manual');
      if (event?.name !== 'reloaded') throw new Error(`reload ${i} failed: ${JSON.stringify(event)}`);
      if (i > WARMUP) durations.push(event.payload.durationMs);
    }
    return { bytes: Buffer.byteLength(sheet(bytes, 1)), pipelineDuration: summarize(durations) };
  } finally {
    await hub.stop();
    await temp.remove();
  }
}

const parse = [parseRuns(10_000), parseRuns(200_000)];
const small = await pipelineRuns(10_000);
const large = await pipelineRuns(200_000);
const result = {
  benchmark: 'style-validate',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
  postcss: new postcss.Processor().version,
  reloads: RELOADS,
  parseMs: parse,
  sheets: [small, large],
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
