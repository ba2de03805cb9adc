import { errorMessage, type KindName } from '@hothub/shared';
import { settleWithin } from '../util/settle-within.js';
import { ReloadFailure } from '../util/errors.js';

/** The reload a check runs for; absent when the check runs on demand (`GET /health`). */
export interface CheckedReload {
  kind: KindName;
  id: string;
  version: string;
}

/** Returns `false` or throws (or rejects) to report the app unhealthy; anything else is healthy. */
export type HealthCheckFn = (reload?: CheckedReload) => unknown;

export interface HealthCheckOptions {
  /** How long the check may take before it counts as failed (default 5000 ms). */
  timeoutMs?: number;
  /** Kinds whose reloads run the check (default: every kind). */
  kinds?: readonly KindName[];
}

export interface HealthCheckResult {
  name: string;
  ok: boolean;
  /** Why it failed. */
  message?: string;
  durationMs: number;
}

interface RegisteredCheck {
  fn: HealthCheckFn;
  timeoutMs: number;
  kinds?: readonly KindName[];
}

export const DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 5000;

/**
 * Checks the application registers to say whether it still works after a reload. The pipeline
 * runs them after applying a new version; one that fails or times out rolls the version back.
 * @example
 * hub.healthChecks.add('db', async () => (await pool.query('select 1')).rowCount === 1, { timeoutMs: 2000 });
 */
export class HealthChecks {
  readonly #checks = new Map<string, RegisteredCheck>();

  /** Registers (or replaces) a check; returns a function that removes it. */
  add(name: string, fn: HealthCheckFn, options: HealthCheckOptions = {}): () => void {
    const check: RegisteredCheck = { fn, timeoutMs: options.timeoutMs ?? DEFAULT_HEALTH_CHECK_TIMEOUT_MS };
    if (options.kinds) check.kinds = [...options.kinds];
    this.#checks.set(name, check);
    return () => {
      if (this.#checks.get(name) === check) this.#checks.delete(name);
    };
  }

  remove(name: string): boolean {
    return this.#checks.delete(name);
  }

  /** Names of the registered checks, in registration order. */
  names(): string[] {
    return [...this.#checks.keys()];
  }

  /** Runs the checks that apply to `reload` (all of them without one), in parallel. */
  run(reload?: CheckedReload): Promise<HealthCheckResult[]> {
    const applicable = [...this.#checks].filter(([, check]) => !reload || !check.kinds || check.kinds.includes(reload.kind));
    return Promise.all(applicable.map(([name, check]) => runCheck(name, check, reload)));
  }

  /** Throws a `ReloadFailure` naming every failed check. */
  async assertHealthy(reload: CheckedReload): Promise<void> {
    const failed = (await this.run(reload)).filter((result) => !result.ok);
    if (!failed.length) return;
    const reasons = failed.map((result) => `${result.name}: ${result.message ?? 'failed'}`).join('; ');
    throw new ReloadFailure(`health check${failed.length > 1 ? 's' : ''} failed after applying ${reload.kind}/${reload.id}: ${reasons}`);
  }
}

async function runCheck(name: string, check: RegisteredCheck, reload: CheckedReload | undefined): Promise<HealthCheckResult> {
  const started = performance.now();
  const durationMs = () => Math.round((performance.now() - started) * 1000) / 1000;
  try {
    const answer = await settleWithin('the check', check.timeoutMs, () => check.fn(reload));
    if (answer === false) return { name, ok: false, message: 'returned false', durationMs: durationMs() };
    return { name, ok: true, durationMs: durationMs() };
  } catch (error) {
    return { name, ok: false, message: errorMessage(error), durationMs: durationMs() };
  }
}
