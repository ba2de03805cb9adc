// Style save-to-applied latency of hothub and its peers, in one headless Chromium.
// Prints one JSON document on stdout and a markdown table on stderr. See bench/README.md.
import { cpus, loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { chromiumVersion, launchChromium } from './lib/browser.mjs';
import { attachProbe } from './lib/probe.mjs';
import { summarize } from './lib/stats.mjs';
import { floorRatios, markdownTable } from './lib/table.mjs';
import { tempDir } from './lib/temp-dir.mjs';
import { TOOLS } from './lib/tools/index.mjs';

const { values: args } = parseArgs({
  options: {
    saves: { type: 'string', default: '40' },
    bursts: { type: 'string', default: '12' },
    spacing: { type: 'string', default: '150' },
    tools: { type: 'string', default: Object.keys(TOOLS).join(',') },
  },
});
const SAVES = Number(args.saves);
const BURSTS = Number(args.bursts);
/** Quiet time after a save showed up, so that every save is a separate one. */
const SPACING_MS = Number(args.spacing);
const WARMUP_SAVES = 5;
/** A tool that cannot finish in this time is stopped and reported as an error. */
const TOOL_TIMEOUT_MS = 180_000;

const log = (message) => process.stderr.write(`# ${message}\n`);

/** Gaps between the two saves of a burst, spread over 10–40 ms. */
function burstGaps(count) {
  return Array.from({ length: count }, (_, i) => Math.round(10 + (count > 1 ? (30 * i) / (count - 1) : 0)));
}

async function measure(browser, name, start) {
  const temp = await tempDir(name);
  const tool = await start(temp.dir).catch(async (error) => {
    await temp.remove();
    throw error;
  });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(tool.pageUrl, { waitUntil: 'load' });
    const probe = await attachProbe(page, tool.cssFile);
    // The first save that shows up proves the tool's connection is live; a few more warm it up.
    let live = false;
    for (let i = 0; i < 20 && !live; i++) live = (await probe.save()) !== null;
    if (!live) throw new Error('no save reached the page');
    for (let i = 0; i < WARMUP_SAVES; i++) await probe.save();

    const latencies = [];
    const toEvent = [];
    let missed = 0;
    for (let i = 0; i < SAVES; i++) {
      await delay(SPACING_MS);
      const saved = await probe.save();
      if (saved === null) {
        missed++;
        continue;
      }
      latencies.push(saved.ms);
      const sentAt = tool.sentAt?.() ?? 0;
      if (sentAt > saved.writtenAt) toEvent.push(sentAt - saved.writtenAt);
    }
    const gaps = burstGaps(BURSTS);
    const lost = [];
    const finalSave = [];
    for (const gap of gaps) {
      await delay(SPACING_MS * 2);
      const last = await probe.burst(gap);
      if (last === null) lost.push(gap);
      else finalSave.push(last.ms);
    }
    return {
      latency: summarize(latencies),
      ...(toEvent.length ? { saveToEventMs: summarize(toEvent) } : {}),
      missed,
      bursts: { applied: gaps.length - lost.length, of: gaps.length, gapsMs: gaps, lostAtGapsMs: lost, finalSaveMs: summarize(finalSave) },
      fullReload: !(await probe.samePage()),
      clockErrorMs: Math.round(probe.clockErrorMs * 100) / 100,
    };
  } finally {
    await context.close();
    await Promise.race([tool.close(), delay(5000)]);
    await temp.remove();
  }
}

const names = args.tools.split(',').filter(Boolean);
for (const name of names) if (!TOOLS[name]) throw new Error(`unknown tool ${name}; known: ${Object.keys(TOOLS).join(', ')}`);

const browser = await launchChromium();
const loadBefore = loadavg();
const results = {};
try {
  for (const name of names) {
    log(`${name}…`);
    const timeout = delay(TOOL_TIMEOUT_MS, null, { ref: false }).then(() => {
      throw new Error(`did not finish within ${TOOL_TIMEOUT_MS / 1000} s`);
    });
    try {
      results[name] = await Promise.race([measure(browser, name, TOOLS[name]), timeout]);
    } catch (error) {
      results[name] = { error: error instanceof Error ? error.message : String(error) };
    }
    log(`${name}: ${JSON.stringify(results[name].latency ?? results[name])}`);
  }
} finally {
  await browser.close();
}

const report = {
  benchmark: 'style save-to-applied latency',
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    node: process.version,
    chromium: chromiumVersion(),
    loadAverage1mBefore: Math.round(loadBefore[0] * 100) / 100,
    loadAverage1mAfter: Math.round(loadavg()[0] * 100) / 100,
  },
  settings: { saves: SAVES, warmupSaves: WARMUP_SAVES, spacingMs: SPACING_MS, bursts: BURSTS },
  results,
  ratiosToFloor: floorRatios(results),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.stderr.write(`\n${markdownTable(results)}\n`);
// Peers may leave handles open (browser-sync's watchers); the run must end by itself.
process.exit(0);
