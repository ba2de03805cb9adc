// Where a style save's time goes, hop by hop, on one clock (issue 18): the hub in this process with
// HOTHUB_TRACE_HOPS=1 (server hops), the page's socket frame, DOM scan and CSSOM calls timed by wrappers
// installed before the SDK loads (no SDK change), the probe's computed style last. See bench/README.md.
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { launchChromium } from './lib/browser.mjs';
import { attachProbe } from './lib/probe.mjs';
import { tempDir } from './lib/temp-dir.mjs';

const { values: args } = parseArgs({ options: { saves: { type: 'string', default: '40' }, spacing: { type: 'string', default: '150' } } });
const SAVES = Number(args.saves);
const SPACING_MS = Number(args.spacing);

// Read when the hub's modules load: set before importing it.
process.env.HOTHUB_TRACE_HOPS = '1';
const { startHothub } = await import('./lib/tools/hothub.mjs');

/** Page-side marks, on the page's clock: the frame that carries `reloaded`, the SDK's DOM walk and its CSSOM swap. */
function installPageHops() {
  const hops = [];
  const mark = (name) => hops.push([name, performance.timeOrigin + performance.now()]);
  window.__pageHops = hops;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      // Added before socket.io sets `onmessage`, so it runs first.
      this.addEventListener('message', (m) => typeof m.data === 'string' && m.data.includes('"reloaded"') && mark('page receive (frame)'));
    }
  };
  const wrap = (proto, method, name, when = () => true) => {
    const original = proto[method];
    proto[method] = function (...a) {
      const on = when(...a);
      if (on) mark(`${name} start`);
      const result = original.apply(this, a);
      if (on) mark(`${name} end`);
      return result;
    };
  };
  wrap(Document.prototype, 'querySelectorAll', 'shadow-root scan (sheetRoots)', (selector) => selector === '*');
  wrap(CSSStyleSheet.prototype, 'replaceSync', 'parse new rules (replaceSync)');
  wrap(CSSStyleSheet.prototype, 'insertRule', 'insert rules', () => true);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : undefined;
};

const browser = await launchChromium();
const temp = await tempDir('hops');
const tool = await startHothub(temp.dir);
const g = globalThis;
try {
  const context = await browser.newContext();
  await context.addInitScript(installPageHops);
  const page = await context.newPage();
  await page.goto(tool.pageUrl, { waitUntil: 'load' });
  const probe = await attachProbe(page, tool.cssFile);
  for (let i = 0; i < 8; i++) await probe.save();

  /** name → ms from the write's start, one array per hop. */
  const samples = new Map();
  const add = (name, ms) => samples.set(name, [...(samples.get(name) ?? []), ms]);
  for (let i = 0; i < SAVES; i++) {
    await delay(SPACING_MS);
    g.__hothubHops = [];
    await page.evaluate(() => window.__pageHops.splice(0));
    const saved = await probe.save();
    if (!saved) continue;
    const seen = new Set();
    const pageHops = await page.evaluate(() => window.__pageHops.splice(0));
    const hops = [...g.__hothubHops, ...pageHops.map(([name, at]) => [name, at - probe.clockOffsetMs])];
    // The first of each (`insert rules` repeats per rule: its last `end` is when the sheet is whole).
    for (const [name, at] of hops) {
      if (name === 'insert rules end' || !seen.has(name)) add(name, at - saved.writtenAt);
      seen.add(name);
    }
    const inserts = samples.get('insert rules end');
    if (inserts) {
      // Keep only this save's last insert.
      const mine = hops.filter(([n]) => n === 'insert rules end').length;
      inserts.splice(inserts.length - mine, mine - 1);
    }
    add('computed style changed (probe)', saved.ms);
  }
  const rows = [...samples].map(([name, xs]) => ({ name, n: xs.length, at: median(xs) })).sort((a, b) => a.at - b.at);
  const round = (ms) => Math.round(ms * 100) / 100;
  process.stdout.write(`${JSON.stringify({ benchmark: 'style save hops', date: new Date().toISOString(), saves: SAVES, hops: rows.map((r) => ({ ...r, at: round(r.at) })) }, null, 2)}\n`);
  const lines = ['| hop | saves | p50 ms since the write started | Δ from the row above |', '| --- | ---: | ---: | ---: |'];
  rows.forEach((r, i) => lines.push(`| ${r.name} | ${r.n} | ${round(r.at)} | ${i ? round(r.at - rows[i - 1].at) : ''} |`));
  process.stderr.write(`\n${lines.join('\n')}\n`);
} finally {
  await Promise.race([tool.close(), delay(5000)]);
  await browser.close();
  await temp.remove();
}
process.exit(0);
