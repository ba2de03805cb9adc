import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { errorMessage } from '@hothub/shared';
import { HealthChecks } from '../pipeline/health-checks.js';
import type { HealthLimits } from '../options/health-limits.js';

const MB = 1024 * 1024;

export interface BuiltinCheckOptions {
  root: string;
  limits: HealthLimits;
  /** MB: the `memory` limit instead of V8's heap limit. */
  memoryBudget?: number;
  /** A URL of the app the `probe` check fetches. */
  probe?: string;
}

/** The hub's own checks (`memory`, `eventLoop`, `disk`, and `probe` with a URL); `stop()` ends the event loop sampling. */
export interface BuiltinChecks {
  checks: HealthChecks;
  stop(): void;
}

/**
 * The checks behind the seed's rollback triggers, beside the app's own: memory above 90%, a blocked
 * event loop, a full disk, an app answering in more than 5 s. Each throws a message saying what it measured.
 */
export function builtinChecks(options: BuiltinCheckOptions): BuiltinChecks {
  const { root, limits, memoryBudget, probe } = options;
  const checks = new HealthChecks();
  checks.add('memory', () => checkMemory(limits.memoryShare, memoryBudget));
  const lag = eventLoopLag();
  checks.add('eventLoop', () => {
    const lagMs = lag.take();
    if (lagMs > limits.eventLoopLagMs) throw new Error(`the event loop was blocked ${ms(lagMs)} ms, above ${limits.eventLoopLagMs} ms: look for synchronous work in the app`);
  });
  checks.add('disk', () => checkDisk([root, join(root, '.hothub')], limits.diskFreeMb));
  if (probe !== undefined) {
    // The fetch's own deadline reports the slow answer; the check's bound only catches a hang past it.
    checks.add('probe', () => checkProbe(probe, limits.probeTimeoutMs), { timeoutMs: limits.probeTimeoutMs + 1000 });
  }
  return { checks, stop: () => lag.stop() };
}

const SAMPLE_MS = 10;

/**
 * The longest event loop delay since the last `take()`. Not `perf_hooks.monitorEventLoopDelay`: a
 * `reset()` of its histogram that ran before its timer noticed a blocked tick dropped that tick (seen in
 * about half the runs of test/health-monitor.test.ts), and a sample taken late here still counts next time.
 */
function eventLoopLag() {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - SAMPLE_MS);
    last = now;
  }, SAMPLE_MS).unref();
  return {
    take(): number {
      const taken = worst;
      worst = 0;
      return taken;
    },
    stop: () => clearInterval(timer),
  };
}

function checkMemory(share: number, budgetMb: number | undefined): void {
  const limit = budgetMb === undefined ? getHeapStatistics().heap_size_limit : budgetMb * MB;
  const { heapUsed, rss } = process.memoryUsage();
  const what = budgetMb === undefined ? "V8's heap limit" : '--memory-budget';
  for (const [name, used] of [['heap', heapUsed], ['RSS', rss]] as const) {
    if (used > share * limit) {
      throw new Error(`${name} ${mb(used)} MB is above ${share * 100}% of ${what} (${mb(limit)} MB): raise --memory-budget or find what holds memory`);
    }
  }
}

async function checkDisk(folders: string[], minFreeMb: number): Promise<void> {
  for (const folder of folders.filter((path) => existsSync(path))) {
    const { bavail, bsize } = await statfs(folder);
    const free = bavail * bsize;
    if (free < minFreeMb * MB) throw new Error(`${mb(free)} MB free under ${folder}, below ${minFreeMb} MB: free some space`);
  }
}

async function checkProbe(url: string, timeoutMs: number): Promise<void> {
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    throw new Error(`${url} could not be fetched: ${errorMessage(error)}`);
  }
  await res.body?.cancel();
  if (res.status >= 400) throw new Error(`${url} answered ${res.status} in ${ms(performance.now() - started)} ms`);
}

function mb(bytes: number): number {
  return Math.round(bytes / MB);
}

function ms(value: number): number {
  return Math.round(value * 10) / 10;
}
