import type { HealthLimits } from '../options/health-limits.js';
import type { HealthCheckResult, HealthChecks } from '../pipeline/health-checks.js';
import type { Logger } from '../util/log.js';
import { builtinChecks } from './builtin-checks.js';
import { HealthMonitor } from './health-monitor.js';
import { Probation, type ProbationPipeline } from './probation.js';

/** While a version is on probation the checks run at least this often, so a minute's probation sees many runs. */
const PROBATION_INTERVAL_MS = 1000;

export interface HubHealthOptions {
  root: string;
  healthInterval: number;
  probation: number;
  rollbackWhen: 'any' | 'majority';
  healthLimits: HealthLimits;
  memoryBudget?: number;
  probe?: string;
  /** `hub.healthChecks`: shown as `app:<name>`. */
  app: Pick<HealthChecks, 'run'>;
  /** Checks a version on probation again and rolls it back, in the artifact's queue. */
  pipeline: ProbationPipeline;
  logger: Logger;
  /** Level of the `health_checks` alert line (`debug` in dev mode). */
  alertLevel: 'warn' | 'debug';
}

/** The health monitor, the built-in checks and probation of one hub; `stop()` ends the runs. */
export interface HubHealth {
  monitor: HealthMonitor;
  probation: Probation;
  start(): void;
  stop(): void;
}

/** Puts the monitor, the checks it runs (built-in, the app's as `app:<name>`, versions on probation) and probation together. */
export function hubHealth(options: HubHealthOptions): HubHealth {
  const { root, healthLimits: limits, memoryBudget, probe, app, logger } = options;
  const builtins = builtinChecks({ root, limits, ...(memoryBudget === undefined ? {} : { memoryBudget }), ...(probe === undefined ? {} : { probe }) });
  const probation: Probation = new Probation({
    ms: options.probation * 1000,
    rollbackWhen: options.rollbackWhen,
    pipeline: options.pipeline,
    errorRate: limits,
    failingNow: () => monitor.latest()?.results.filter((result) => !result.ok).map((result) => result.name) ?? [],
    logger,
  });
  const monitor: HealthMonitor = new HealthMonitor({
    run: async () => {
      const [own, apps, watched] = await Promise.all([builtins.checks.run(), app.run(), probation.checks()]);
      return [...own, ...apps.map((result): HealthCheckResult => ({ ...result, name: `app:${result.name}` })), ...watched];
    },
    intervalMs: options.healthInterval * 1000,
    watching: () => probation.active(),
    watchIntervalMs: PROBATION_INTERVAL_MS,
    onResults: (results) => probation.judge(results),
    logger,
    alertLevel: options.alertLevel,
  });
  return {
    monitor,
    probation,
    start: () => monitor.start(),
    stop: () => {
      monitor.stop();
      builtins.stop();
    },
  };
}
