import { type EventLog, HISTORY_CAPACITY, type LoggedEvent } from '../pipeline/event-log.js';
import type { RunEvent } from '../pipeline/reload-outcome.js';
import type { HubSocketServer } from '../realtime/socket-server.js';
import type { Logger } from '../util/log.js';
import { Cluster, type ClusterOptions } from './cluster.js';
import type { ForwardAnswer, ForwardRequest } from './forward.js';
import { FileHistory } from './file-history.js';
import { FileSeqReservation } from './seq-reservation.js';

/** What a cluster needs (`ClusterOptions`, less its URL), plus where `.hothub/` lives. */
export interface HistoryOptions extends Omit<ClusterOptions, 'url'> {
  root: string;
  /** `redis://host:port` of the cluster, if the hub joins one. */
  redis?: string;
}

/** Where a hub's history lives beyond memory: `.hothub/` always, a cluster's Redis with `--redis`. */
export interface History {
  /** Whether this hub runs the pipeline for file changes (always, without a cluster). */
  readonly leading: boolean;
  /** Joins the socket server to the cluster's (no-op without one). */
  attach(io: HubSocketServer): void;
  /**
   * Keeps an event this hub numbered in `.hothub/history.jsonl` and the cluster's stream (a consumer in
   * `after-run.ts`). An event followed from another hub, or taken over from history and re-sent by a
   * restart, is there already. Application events and pages' runtime errors (issue 17) come without a file.
   */
  append(outcome: Pick<RunEvent, 'relPath' | 'followed'> & { event: LoggedEvent }): void;
  /**
   * On a follower, asks the leader to number `request` and resolves with its answer; undefined when this hub
   * leads (or has no cluster), or no leader answered: then the hub numbers it itself.
   */
  forward(request: ForwardRequest): Promise<ForwardAnswer | undefined>;
  stop(): Promise<void>;
}

/**
 * Restores the log from `<root>/.hothub/history.jsonl`, keeps writing it, and with `redis` joins the
 * cluster, whose shared history wins over the file's when the two number differently.
 */
export async function openHistory(options: HistoryOptions): Promise<History> {
  const { root, log, redis, logger } = options;
  const store = await restoreFromFile(root, log, logger.channel('hothub:history'), redis === undefined);
  const cluster = redis ? new Cluster({ ...options, url: redis, logger: logger.channel('hothub:cluster') }) : undefined;
  await cluster?.start();
  return {
    get leading() {
      return cluster?.leading ?? true;
    },
    attach: (io) => cluster?.attach(io),
    append({ event, relPath, followed }) {
      if (followed || log.announcedBefore(event)) return;
      store?.append(event);
      cluster?.append(event, relPath);
    },
    forward: async (request) => (cluster && !cluster.leading ? cluster.forward(request) : undefined),
    async stop() {
      await Promise.allSettled([cluster?.stop(), store?.flush()]);
      // Every number sent is in the history now: the next run goes on right after it and replays, with no gap.
      log.releaseUnused();
    },
  };
}

/** A root the hub cannot write (a read-only checkout) costs the history across restarts, not the hub. */
async function restoreFromFile(root: string, log: EventLog, logger: Logger, reserve: boolean): Promise<FileHistory | undefined> {
  try {
    const { store, restored } = await FileHistory.open(root, HISTORY_CAPACITY, () => log.id, logger);
    if (restored.id !== undefined) log.restore(restored.id, restored.events);
    // Hubs of a cluster share the root, and Redis's seq numbers them: a mark one hub left would stop the others following.
    if (reserve) log.reserveWith(FileSeqReservation.open(root, logger));
    return store;
  } catch (error) {
    logger.warn('history is kept in memory only: cannot use .hothub/ under the root', { error: String(error) });
    return undefined;
  }
}
