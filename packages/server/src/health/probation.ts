import { type ApplyFailed, errorMessage, type KindName, type ReloadError, SERVER_KINDS } from '@hothub/shared';
import type { HealthCheckResult } from '../pipeline/health-checks.js';
import type { ReloadOutcome, RunEvent } from '../pipeline/reload-outcome.js';
import { servingKey } from '../pipeline/serving.js';
import type { HealthLimits } from '../options/health-limits.js';
import type { Logger } from '../util/log.js';

/**
 * What probation asks of the pipeline, each in the artifact's queue like a save (issue 16): check a version
 * again (`Pipeline.recheck`), go back to the version a serving one replaced (`Pipeline.restore`).
 */
export interface ProbationPipeline {
  recheck(kind: KindName, id: string, version: string): Promise<boolean>;
  restore(kind: KindName, id: string, version: string, error: ReloadError, reason: string): Promise<ReloadOutcome>;
}

export interface ProbationOptions {
  /** How long a committed version is watched. */
  ms: number;
  /** `any` failing check rolls back, or only more than half of them (`majority`). */
  rollbackWhen: 'any' | 'majority';
  /** Runs each kind's `check` step again on a version on probation (a plugin's `getStatus()`), and rolls back. */
  pipeline: ProbationPipeline;
  /** How many pages failing to apply a version on probation roll it back (`healthLimits`). */
  errorRate: Pick<HealthLimits, 'errorPages' | 'errorShare'>;
  /** Checks failing when a version commits: they do not count against it. */
  failingNow(): string[];
  logger: Logger;
  now?: () => number;
}

interface OnProbation {
  kind: KindName;
  id: string;
  version: string;
  until: number;
  /** Checks already failing at its commit. */
  before: ReadonlySet<string>;
  /** Sockets of the pages that reported they could not apply it (`apply_failed`). */
  failedPages: Set<string>;
}

/**
 * A page's report that it could not apply a version (`apply_failed`), or that the version threw once applied
 * (`runtime_error`, issue 17: `runtime`), with the socket that sent it.
 */
export type PageFailure = Pick<ApplyFailed, 'kind' | 'id' | 'version' | 'error'> & { socketId: string; runtime?: true };

/**
 * Watches each committed version for `--probation` seconds. A check of its own (`<kind>:<id>`, its kind's
 * `check` step) that fails rolls it back; a hub-wide check that starts failing rolls back the most recent
 * commit on probation of a kind that runs in the hub (the likeliest cause; if the check still fails, the next run
 * judges the one before).
 */
export class Probation {
  readonly #options: ProbationOptions;
  readonly #now: () => number;
  /** By `kind/id`, oldest commit first. */
  readonly #watched = new Map<string, OnProbation>();
  /** The version each result of `checks()` checked: a newer save may have replaced it by the time it is judged. */
  readonly #checked = new WeakMap<HealthCheckResult, OnProbation>();

  constructor(options: ProbationOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** A consumer of every run (`after-run.ts`): a version that replaced another goes on probation; a failure or removal ends it. */
  observe({ event, applied, followed }: RunEvent): void {
    const { kind, id } = event.payload;
    const key = servingKey(kind, id);
    this.#watched.delete(key);
    if (event.name !== 'reloaded' || event.payload.removed || followed || !applied?.previousVersion || this.#options.ms <= 0) return;
    const before = new Set(this.#options.failingNow());
    this.#watched.set(key, { kind, id, version: event.payload.version, until: this.#now() + this.#options.ms, before, failedPages: new Set() });
  }

  /**
   * A page could not apply a version (`apply_failed`), or it threw once applied (`runtime_error`). The version on probation is rolled back (`errors`)
   * once `errorPages` pages, or more than `errorShare` of the `connected` ones, failed it: a lone page is all
   * of them. A report for another version, or after probation, changes nothing; a page counts once.
   */
  async pageFailed(report: PageFailure, connected: number): Promise<void> {
    this.#expire();
    const entry = this.#watched.get(servingKey(report.kind, report.id));
    if (!entry || (report.version !== undefined && report.version !== entry.version)) return;
    entry.failedPages.add(report.socketId);
    const failed = entry.failedPages.size;
    const { errorPages, errorShare } = this.#options.errorRate;
    if (failed >= errorPages || failed > errorShare * connected) {
      // The page's own error (message, file, line) stays in the event: it is what the developer has to fix.
      const { message, ...where } = report.error;
      const what = report.runtime ? 'reported errors running it' : 'could not apply it';
      await this.#rollBack(entry, 'errors', `${failed} of ${Math.max(connected, failed)} connected pages ${what}: ${message}`, where);
    }
  }

  /** Some version is on probation. */
  active(): boolean {
    this.#expire();
    return this.#watched.size > 0;
  }

  /**
   * The `check` step of each version on probation, named `<kind>/<id>`. `judge()` knows these results by
   * identity: hand them to it as they are.
   */
  async checks(): Promise<HealthCheckResult[]> {
    this.#expire();
    const results = await Promise.all([...this.#watched.values()].map((entry) => this.#ownCheck(entry)));
    return results.filter((result) => result !== undefined);
  }

  /** Rolls back what the results blame: a version whose own check fails, then the latest commit if hub-wide checks fail. */
  async judge(results: HealthCheckResult[]): Promise<void> {
    this.#expire();
    for (const result of results) {
      const entry = result.ok ? undefined : this.#checked.get(result);
      // A failure of a version that a newer save replaced meanwhile (or that was rolled back) judges nothing.
      if (entry && this.#watched.get(servingKey(entry.kind, entry.id)) === entry) await this.#rollBack(entry, `health:${result.name}`, result.message);
    }
    // A stylesheet, theme, component, page or asset runs no code in the hub: its memory, event loop or probe cannot be
    // its fault (20,000 pages connecting stall the event loop for a second, issue 18). Pages' reports judge those.
    const latest = [...this.#watched.values()].filter((entry) => runsInHub(entry.kind)).at(-1);
    if (!latest) return;
    const shared = results.filter((result) => !this.#checked.has(result));
    const failing = shared.filter((result) => !result.ok);
    const fresh = failing.filter((result) => !latest.before.has(result.name));
    const blamed = this.#options.rollbackWhen === 'any' || failing.length > shared.length / 2 ? fresh[0] : undefined;
    if (blamed) await this.#rollBack(latest, reasonOf(blamed.name), `${blamed.message ?? 'failed'} (${failing.length} of ${shared.length} checks failing)`);
  }

  /** The version's check, queued behind any save of its artifact; undefined when it no longer serves or its kind has no check. */
  async #ownCheck(entry: OnProbation): Promise<HealthCheckResult | undefined> {
    const started = performance.now();
    const result = (ok: boolean, message?: string): HealthCheckResult => {
      const checked = { name: servingKey(entry.kind, entry.id), ok, ...(message ? { message } : {}), durationMs: performance.now() - started };
      this.#checked.set(checked, entry);
      return checked;
    };
    try {
      return (await this.#options.pipeline.recheck(entry.kind, entry.id, entry.version)) ? result(true) : undefined;
    } catch (error) {
      return result(false, errorMessage(error));
    }
  }

  async #rollBack(entry: OnProbation, reason: string, why: string | undefined, where: Omit<ReloadError, 'message'> = {}): Promise<void> {
    const key = servingKey(entry.kind, entry.id);
    this.#watched.delete(key);
    this.#options.logger.warn(`${key} fails on probation (${reason}): rolling it back`, { version: entry.version, why });
    const message = `${key} was rolled back on probation: ${reason}${why ? `: ${why}` : ''}`;
    await this.#options.pipeline.restore(entry.kind, entry.id, entry.version, { ...where, message }, reason);
  }

  #expire(): void {
    const now = this.#now();
    for (const [key, entry] of this.#watched) if (entry.until <= now) this.#watched.delete(key);
  }
}

/** Wizards, plugins and configs (`SERVER_KINDS`): the kinds a hub-wide check can blame. */
function runsInHub(kind: KindName): boolean {
  return (SERVER_KINDS as readonly KindName[]).includes(kind);
}

/** `memory` and `probe` are reasons of their own (the seed's triggers); any other check is `health:<name>`. */
function reasonOf(check: string): string {
  return check === 'memory' || check === 'probe' ? check : `health:${check}`;
}
