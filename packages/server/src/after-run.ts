import { errorMessage } from '@hothub/shared';
import type { History } from './cluster/open-history.js';
import type { ModuleRegistry } from './modules/module-registry.js';
import { auditConfigEvent } from './config/config-audit.js';
import type { ConfigRuntime } from './config/config-runtime.js';
import type { Probation } from './health/probation.js';
import { announceConfigChanges } from './config/announce-changes.js';
import type { HubOps } from './ops/hub-ops.js';
import type { KindVersions } from './ops/kind-versions.js';
import { reloadLine } from './ops/reload-line.js';
import type { EventLog, HubEvent } from './pipeline/event-log.js';
import type { AfterRun, RunEvent } from './pipeline/reload-outcome.js';
import type { LocalCatchUp } from './realtime/catch-up.js';
import type { SourceWatcher } from './watch/source-watcher.js';
import { broadcast, type HubSocketServer } from './realtime/socket-server.js';
import type { Logger } from './util/log.js';
import { hop } from './util/hop-trace.js';

/** What the consumers of a run's outcome write to: the hub's parts, passed down as values. */
export interface AfterRunContext {
  /** `.hothub/history.jsonl` and the cluster's stream, once the hub started. */
  history(): Pick<History, 'append'> | undefined;
  registries: readonly ModuleRegistry[];
  config: ConfigRuntime;
  events: Pick<EventLog, 'announcedBefore'>;
  catchUp: LocalCatchUp;
  /** The socket server, once the hub listens. */
  pages(): HubSocketServer | undefined;
  ops: Pick<HubOps, 'record'>;
  /** Keeps each committed version under `.hothub/backups/<kind>/` (written after pages were sent). */
  versions: Pick<KindVersions, 'store'>;
  /** Puts each new version on probation (`health/probation.ts`). */
  probation: Pick<Probation, 'observe'>;
  /** Starts watching files a new version imports from outside the kind folders. */
  sources: Pick<SourceWatcher, 'watchImports'>;
  /** Dev mode: where the one line per reload or failure goes (`ops/reload-line.ts`). */
  terminal?: ((line: string) => void) | undefined;
  /** `hub.on('reloaded' | 'reload_failed', …)` listeners of the embedding application. */
  emit(event: HubEvent): void;
}

/** One consumer of a run's outcome, named for logs. */
export type Consumer = readonly [name: string, consume: (outcome: RunEvent) => void];

/**
 * What happens after a run, in this order, for every event a run sends (a save, a dependency, an API
 * or periodic reload, a rollback, a runtime fault, an event followed from the cluster). The run
 * numbered the event (`EventLog`) before handing its outcome here.
 * Adding a consumer is one line here.
 */
export function afterRunConsumers(context: AfterRunContext): readonly Consumer[] {
  return [
    ['history (.hothub/, cluster stream)', (outcome) => context.history()?.append(outcome)],
    ['module registries', ({ event }) => context.registries.forEach((registry) => registry.record(event))],
    ['config audit', (outcome) => auditConfigEvent(context.config, outcome, context.events.announcedBefore(outcome.event))],
    ['config subscribers', (outcome) => announceConfigChanges(context.config.subscriptions, outcome)],
    ['catch-up', ({ event }) => context.catchUp.observe(event)],
    ['pages', ({ event }) => withPages(context, (io) => broadcast(io, event))],
    ['versions (.hothub/backups/)', (outcome) => context.versions.store(outcome)],
    ['statistics, alerts, metrics', ({ event }) => context.ops.record(event)],
    ['probation', (outcome) => context.probation.observe(outcome)],
    ['imported files to watch', () => void context.sources.watchImports()],
    [
      'terminal line',
      ({ event }) => {
        const line = reloadLine(event);
        if (line) context.terminal?.(line);
      },
    ],
    ['in-process listeners', ({ event }) => context.emit(event)],
  ];
}

/** Runs every consumer in order; one that throws is logged and the others still run. */
export function runConsumers(consumers: readonly Consumer[], logger: Logger): AfterRun {
  return (outcome) => {
    for (const [name, consume] of consumers) {
      try {
        consume(outcome);
        hop?.(name);
      } catch (error) {
        logger.error(`${name} failed on ${outcome.event.payload.kind}/${outcome.event.payload.id}`, { error: errorMessage(error) });
      }
    }
  };
}

function withPages(context: AfterRunContext, send: (io: HubSocketServer) => void): void {
  const io = context.pages();
  if (io) send(io);
}
