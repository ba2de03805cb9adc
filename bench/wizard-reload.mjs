// Wizard reload latency (save → `reloaded`, in-process) and plugin swap time.
// Prints one JSON document on stdout. Run: pnpm bench:wizard [--saves N]
import { cpus, loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { LABEL_HELPER, startModuleHub, wizardModule } from './lib/module-hub.mjs';
import { summarize } from './lib/stats.mjs';

const { values: args } = parseArgs({ options: { saves: { type: 'string', default: '100' } } });
const SAVES = Number(args.saves);
const WARMUP = 10;
/** Longer than the hub's 75 ms re-check, so that every save is measured on its own. */
const SPACING_MS = 100;

const plugin = (version) => `export default {
  async initialize(config) { this.ready = true; },
  async getStatus() { return { healthy: this.ready }; },
  async cleanup() { this.ready = false; },
  answer() { return '${version}'; },
};
`;

/** Saves `SAVES` versions made by `content(i)`, returns save-to-event and in-pipeline durations. */
async function series(save, path, content, kind, id) {
  const toEvent = [];
  const pipeline = [];
  for (let i = 0; i < WARMUP + SAVES; i++) {
    await delay(SPACING_MS);
    const { ms, payload } = await save(path, content(i), kind, id);
    if (i < WARMUP) continue;
    toEvent.push(ms);
    pipeline.push(payload.durationMs);
  }
  return { saveToReloaded: summarize(toEvent), pipelineDuration: summarize(pipeline) };
}

const { save, stop } = await startModuleHub('wizard-reload', {
  'wizards/helpers/label.js': LABEL_HELPER('!'),
  'wizards/bench_wizard.js': wizardModule('v0'),
  'plugins/bench.js': plugin('v0'),
});
try {
  const wizard = await series(save, 'wizards/bench_wizard.js', (i) => wizardModule(`v${i + 1}`), 'wizard', 'bench');
  const dependency = await series(save, 'wizards/helpers/label.js', (i) => LABEL_HELPER(`#${i}`), 'wizard', 'bench');
  const pluginSwap = await series(save, 'plugins/bench.js', (i) => plugin(`v${i + 1}`), 'plugin', 'bench');
  const result = {
    benchmark: 'wizard-reload',
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg1m: loadavg()[0] },
    saves: SAVES,
    wizardBytes: wizardModule('v0').length,
    wizard,
    helperSaveToDependent: dependency,
    pluginSwap,
    targetP50Ms: 15,
    meetsTarget: wizard.saveToReloaded.p50 <= 15,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await stop();
}
