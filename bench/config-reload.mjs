// Config reload: parse + validate + apply + notify of a 10 KB YAML config (p50 target ≤ 5 ms),
// and save-to-`reloaded` latency. Prints one JSON document on stdout.
// Run: pnpm bench:config [--reloads N]
import { writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createHub } from 'hothub';
import * as z from 'zod';
import { summarize } from './lib/stats.mjs';
import { tempDir } from './lib/temp-dir.mjs';

const { values: args } = parseArgs({ options: { reloads: { type: 'string', default: '200' } } });
const RELOADS = Number(args.reloads);
const WARMUP = 20;
/** Longer than the hub's 75 ms re-check, so that every save is measured on its own. */
const SPACING_MS = 100;

/** About 10 KB of YAML: 58 services with nested settings; `i` changes a few values per version. */
function configYaml(i) {
  const lines = [`version: ${i}`, 'services:'];
  for (let s = 0; s < 58; s++) {
    lines.push(
      `  svc${s}:`,
      `    host: svc${s}.internal.example.com`,
      `    port: ${8000 + s}`,
      `    timeoutMs: ${s % 7 === i % 7 ? 1000 + i : 1000}`,
      '    retries: 3',
      `    tags: [alpha, beta, gamma${s}]`,
      '    pool:',
      `      size: ${10 + (s === i % 58 ? i % 5 : 0)}`,
      '      idleMs: 30000',
    );
  }
  return `${lines.join('\n')}\n`;
}

const Service = z.object({
  host: z.string(),
  port: z.number().int().min(1).max(65535),
  timeoutMs: z.number().int().positive(),
  retries: z.number().int().min(0),
  tags: z.array(z.string()),
  pool: z.object({ size: z.number().int().positive(), idleMs: z.number().int() }),
});
const Config = z.object({ version: z.number().int(), services: z.record(z.string(), Service) });

async function startBenchHub(root, options) {
  await mkdir(join(root, 'config'), { recursive: true });
  await writeFile(join(root, 'config', 'app.yaml'), configYaml(0));
  const hub = createHub({ root, port: 0, logLevel: 'silent', ...options });
  hub.config.registerValidator('app', Config);
  let notified = 0;
  hub.config.subscribe('*', () => void notified++);
  await hub.start();
  return { hub, notified: () => notified };
}

/** In-process pipeline runs without the watcher (prod mode): write a version, reload it by API. */
async function pipelineRuns() {
  const temp = await tempDir('config-pipeline');
  const { hub, notified } = await startBenchHub(temp.dir, { mode: 'prod', token: 'bench-token' });
  const file = join(temp.dir, 'config', 'app.yaml');
  const total = [];
  const inPipeline = [];
  try {
    for (let i = 1; i <= WARMUP + RELOADS; i++) {
      await writeFile(file, configYaml(i));
      const started = performance.now();
      const [event] = await hub.reload('config/app', 'manual');
      const ms = performance.now() - started;
      if (event?.name !== 'reloaded') throw new Error(`reload ${i} failed: ${JSON.stringify(event)}`);
      if (i <= WARMUP) continue;
      total.push(ms);
      inPipeline.push(event.payload.durationMs);
    }
    return { reloadCall: summarize(total), pipelineDuration: summarize(inPipeline), subscriberCalls: notified(), bytes: Buffer.byteLength(configYaml(1)) };
  } finally {
    await hub.stop();
    await temp.remove();
  }
}

/** Dev mode: from just before `writeFile` to the in-process `reloaded` event. */
async function saveToReloaded() {
  const temp = await tempDir('config-save');
  const { hub } = await startBenchHub(temp.dir, {});
  const file = join(temp.dir, 'config', 'app.yaml');
  const latencies = [];
  try {
    for (let i = 1; i <= WARMUP + RELOADS; i++) {
      await delay(SPACING_MS);
      const reloaded = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`save ${i} never reloaded`)), 5000);
        hub.once('reloaded', () => {
          clearTimeout(timer);
          resolve(performance.now());
        });
      });
      const started = performance.now();
      await writeFile(file, configYaml(i));
      const at = await reloaded;
      if (i > WARMUP) latencies.push(at - started);
    }
    return summarize(latencies);
  } finally {
    await hub.stop();
    await temp.remove();
  }
}

const pipeline = await pipelineRuns();
const save = await saveToReloaded();
const result = {
  benchmark: 'config-reload',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
  reloads: RELOADS,
  configBytes: pipeline.bytes,
  parseValidateApplyNotify: pipeline.pipelineDuration,
  reloadCall: pipeline.reloadCall,
  subscriberCalls: pipeline.subscriberCalls,
  saveToReloaded: save,
  targetP50Ms: 5,
  met: pipeline.pipelineDuration.p50 <= 5,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
