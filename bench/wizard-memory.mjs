// Heap growth over 1,000 reloads of a 5 KB wizard through the hub, next to what the same
// number of cache-busted `import('…?v=N')` calls keeps alive (Node never frees an ES module).
// Prints one JSON document on stdout. Run: pnpm bench:wizard-memory [--reloads N]  (needs node --expose-gc)
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LABEL_HELPER, startModuleHub, wizardModule } from './lib/module-hub.mjs';
import { tempDir } from './lib/temp-dir.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc (pnpm bench:wizard-memory does)');
const { values: args } = parseArgs({ options: { reloads: { type: 'string', default: '1000' } } });
const RELOADS = Number(args.reloads);
const WARMUP = 100;
const SAMPLES = 4;

/** Heap in use after a full collection (twice: the first one can leave finalizable objects behind). */
function heapAfterGc() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** Runs `reload(i)` RELOADS times after a warm-up; heap samples along the way and the growth per reload. */
async function measure(reload) {
  for (let i = 0; i < WARMUP; i++) await reload(i);
  const start = heapAfterGc();
  const samples = [];
  for (let i = 0; i < RELOADS; i++) {
    await reload(WARMUP + i);
    if ((i + 1) % (RELOADS / SAMPLES) === 0) samples.push({ reloads: i + 1, heapMB: mb(heapAfterGc()) });
  }
  const end = heapAfterGc();
  return { heapStartMB: mb(start), heapEndMB: mb(end), samples, growthPerReloadBytes: Math.round((end - start) / RELOADS) };
}

const mb = (bytes) => Math.round((bytes / 2 ** 20) * 100) / 100;

const hubRun = await startModuleHub('wizard-memory', {
  'wizards/helpers/label.js': LABEL_HELPER('!'),
  'wizards/bench_wizard.js': wizardModule('v0'),
});
let hub;
try {
  hub = await measure((i) => hubRun.save('wizards/bench_wizard.js', wizardModule(`v${i + 1}`), 'wizard', 'bench'));
  hub.answers = hubRun.hub.wizards.get('bench')?.answer();
} finally {
  await hubRun.stop();
}

// The design the hub avoids: a fresh ES module per reload, imported with a cache-busting query.
const temp = await tempDir('esm-import');
let esm;
try {
  await writeFile(join(temp.dir, 'label.mjs'), LABEL_HELPER('!'));
  const file = join(temp.dir, 'bench_wizard.mjs');
  esm = await measure(async (i) => {
    await writeFile(file, wizardModule(`v${i + 1}`).replace('./helpers/label.js', './label.mjs'));
    await import(`${pathToFileURL(file).href}?v=${i}`);
  });
} finally {
  await temp.remove();
}

const result = {
  benchmark: 'wizard-memory',
  machine: { cpus: cpus().length, node: process.version, loadavg1m: loadavg()[0] },
  reloads: RELOADS,
  wizardBytes: wizardModule('v0').length,
  hub,
  esmImportWithQuery: esm,
  rssMB: mb(process.memoryUsage().rss),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
