import { type EventLog, HISTORY_CAPACITY, type HubEvent } from '../pipeline/event-log.js';
import type { HubSocketServer } from '../realtime/socket-server.js';
import type { Logger } from '../util/log.js';
import { Cluster } from './cluster.js';
import type { ClusterEntry } from './cluster-entry.js';
import { FileHistory } from './file-history.js';

export interface HistoryOptions {
  root: string;
  log: EventLog;
  /** `redis://host:port` of the cluster, if the hub joins one. */
  redis?: string;
  /** This hub process. */
  serverId: string;
  logger: Logger;
  /** The artifact file an event is about, relative to its kind's folder. */
  fileOf(event: HubEvent): string | undefined;
  /** Makes an event another hub numbered true here and sends it to this hub's pages. */
  follow(entry: ClusterEntry): Promise<void>;
  /** This hub has just become the one that runs the pipeline for file changes. */
  onLeading(): void;
}

/** Where a hub's history lives beyond memory: `.hothub/` always, a cluster's Redis with `--redis`. */
export interface History {
  /** Whether this hub runs the pipeline for file changes (always, without a cluster). */
  readonly leading: boolean;
  /** Joins the socket server to the cluster's (no-op without one). */
  attach(io: HubSocketServer): void;
  stop(): Promise<void>;
}

/**
 * Restores the log from `<root>/.hothub/history.jsonl`, keeps writing it, and with `redis` joins the
 * cluster, whose shared history wins over the file's when the two number differently.
 */
export async function openHistory(options: HistoryOptions): Promise<History> {
  const { root, log, redis, logger } = options;
  const store = await restoreFromFile(root, log, logger.channel('hothub:history'));
  const cluster = redis ? new Cluster({ ...options, url: redis, logger: logger.channel('hothub:cluster') }) : undefined;
  await cluster?.start();
  return {
    get leading() {
      return cluster?.leading ?? true;
    },
    attach: (io) => cluster?.attach(io),
    async stop() {
      await Promise.allSettled([cluster?.stop(), store?.flush()]);
    },
  };
}

/** A root the hub cannot write (a read-only checkout) costs the history across restarts, not the hub. */
async function restoreFromFile(root: string, log: EventLog, logger: Logger): Promise<FileHistory | undefined> {
  try {
    const { store, restored } = await FileHistory.open(root, HISTORY_CAPACITY, () => log.id, logger);
    if (restored.id !== undefined) log.restore(restored.id, restored.events);
    log.storeIn(store);
    return store;
  } catch (error) {
    logger.warn('history is kept in memory only: cannot use .hothub/ under the root', { error: String(error) });
    return undefined;
  }
}
