// Component re-mount latency in Chromium: from the save of components/bench.js to its new markup
// in the page (state carried over), through the whole hub: watcher, syntax check, import rewrite,
// socket.io, dynamic import(), unmount and mount. Prints one JSON document. Run: pnpm bench:component
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createHub } from 'hothub';
import { chromiumVersion, launchChromium } from './lib/browser.mjs';
import { summarize } from './lib/stats.mjs';
import { tempDir } from './lib/temp-dir.mjs';

const { values: args } = parseArgs({ options: { saves: { type: 'string', default: '60' } } });
const SAVES = Number(args.saves);
const WARMUP = 5;
/** Longer than the hub's 75 ms re-check, so that every save is measured on its own. */
const SPACING_MS = 120;

const component = (i) => `const states = new WeakMap();
export default {
  mount(el, state = { count: 0 }) {
    states.set(el, state);
    el.innerHTML = '<button>save ${i}: <b>' + state.count + '</b></button>';
  },
  unmount(el) { return states.get(el); },
};
`;

const { dir, remove } = await tempDir('component');
await writeFile(join(dir, 'index.html'), '<div data-hothub-component="bench"></div><script src="/hothub/client.js" data-toasts="false"></script>');
await mkdir(join(dir, 'components'));
await writeFile(join(dir, 'components/bench.js'), component(-1));
const hub = createHub({ root: dir, port: 0, host: '127.0.0.1', logLevel: 'warn' });
await hub.start();
const browser = await launchChromium();
const page = await browser.newPage();

let waiting;
await page.exposeFunction('markupChanged', (text) => {
  if (waiting && text.startsWith(`save ${waiting.i}:`)) waiting.resolve(performance.now());
});
await page.goto(`${hub.url}/`);
await page.waitForFunction(() => window.hothub?.connected && document.querySelector('button'));
await page.evaluate(() => {
  const el = document.querySelector('[data-hothub-component]');
  new MutationObserver(() => window.markupChanged(el.textContent)).observe(el, { childList: true, subtree: true });
});

const samples = [];
for (let i = 0; i < WARMUP + SAVES; i++) {
  await delay(SPACING_MS);
  const shown = new Promise((resolve) => (waiting = { i, resolve }));
  const started = performance.now();
  await writeFile(join(dir, 'components/bench.js'), component(i));
  const ms = (await shown) - started;
  if (i >= WARMUP) samples.push(ms);
}

await browser.close();
await hub.stop();
await remove();
const saveToMarkup = summarize(samples);
console.log(
  JSON.stringify(
    {
      benchmark: 'component re-mount, save to new markup in Chromium',
      saveToMarkupMs: saveToMarkup,
      target: { p50Ms: 30, met: saveToMarkup.p50 <= 30 },
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Math.round(l * 100) / 100), node: process.version, chromium: chromiumVersion() },
    },
    null,
    2,
  ),
);
