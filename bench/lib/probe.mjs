import { writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Milliseconds since the epoch, sub-millisecond, on Node's monotonic clock. */
export const nodeNow = () => performance.timeOrigin + performance.now();

/** The stylesheet every tool serves: only the probe's colour changes between saves. */
export function sheet(colour) {
  return `#probe { color: ${colour}; }\nbody { font: 16px sans-serif; margin: 2rem; }\n`;
}

/** A colour no earlier save of this run used. */
export function colourOf(n) {
  return `rgb(${n % 256}, ${Math.floor(n / 256) % 256}, 77)`;
}

/**
 * Installed in the page once it loaded (not as an init script, so a full page reload breaks the
 * run instead of hiding). `arm` starts a loop that reads the probe's computed colour about every
 * millisecond (1.2 ms median here): unlike requestAnimationFrame it is not held to frame boundaries
 * (16.7 ms), it observes no mutations, so it adds no work to the tools' own apply, and unlike a busy
 * loop it leaves the CPU to the tool under test (on 2 cores a busy renderer slowed hothub's server
 * side by about 1 ms). The timer is set from a message task, never from a timer, so Chromium's
 * 4 ms clamp for nested timers never applies. The loop runs only between `arm` and the match.
 */
function installProbe() {
  const probe = document.getElementById('probe');
  const bench = { marker: Math.random(), result: Promise.resolve(null) };
  bench.arm = (expected, timeoutMs) => {
    const channel = new MessageChannel();
    const deadline = performance.now() + timeoutMs;
    bench.result = new Promise((resolve) => {
      channel.port1.onmessage = () => {
        // Taken before the read: any change the read sees was made before this instant.
        const now = performance.now();
        if (getComputedStyle(probe).color === expected) resolve(performance.timeOrigin + now);
        else if (now > deadline) resolve(null);
        else return void setTimeout(() => channel.port2.postMessage(0), 1);
        channel.port1.close();
      };
    });
    channel.port2.postMessage(0);
  };
  window.__bench = bench;
  return bench.marker;
}

/**
 * Page clock minus Node clock, from the round trip with the smallest delay; the error of the
 * offset is at most half that round trip.
 */
async function clockOffset(page) {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 30; i++) {
    const sent = nodeNow();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now());
    const received = nodeNow();
    if (received - sent < best.rtt) best = { rtt: received - sent, offset: pageTime - (sent + received) / 2 };
  }
  return best;
}

/** Measures saves of `cssFile` as seen in `page` (which shows `#probe`). */
export async function attachProbe(page, cssFile) {
  const marker = await page.evaluate(installProbe);
  const clock = await clockOffset(page);
  let n = 1;

  /**
   * Writes `colours` with `gapMs` between them and waits for the last one in the page:
   * when the last `writeFile` started and milliseconds from then to the new computed style,
   * or null when it never showed.
   */
  const saves = async (colours, gapMs, timeoutMs) => {
    await page.evaluate(([c, t]) => window.__bench.arm(c, t), [colours.at(-1), timeoutMs + gapMs * colours.length]);
    let started = 0;
    for (const [i, colour] of colours.entries()) {
      if (i > 0) await delay(gapMs);
      started = nodeNow();
      await writeFile(cssFile, sheet(colour));
    }
    const applied = await page.evaluate(() => window.__bench.result);
    return applied === null ? null : { writtenAt: started, ms: applied - clock.offset - started };
  };

  return {
    clockErrorMs: clock.rtt / 2,
    /** Page clock minus Node clock: a page timestamp minus this is on Node's clock. */
    clockOffsetMs: clock.offset,
    /** One save: `{ writtenAt, ms }` or null. */
    save: (timeoutMs = 2000) => saves([colourOf(n++)], 0, timeoutMs),
    /** Two saves `gapMs` apart: `{ writtenAt, ms }` of the second one (from its write), or null when it never showed. */
    burst: (gapMs, timeoutMs = 2000) => saves([colourOf(n++), colourOf(n++)], gapMs, timeoutMs),
    /** False when the page was reloaded since the probe was installed. */
    samePage: () => page.evaluate((m) => window.__bench?.marker === m, marker).catch(() => false),
  };
}
