import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { type EventLog, HISTORY_CAPACITY, type LoggedEvent } from '../pipeline/event-log.js';
import type { HubSocketServer } from '../realtime/socket-server.js';
import type { Logger } from '../util/log.js';
import type { ClusterEntry } from './cluster-entry.js';
import { type ForwardAnswer, ForwardRequest, ForwardAnswer as ForwardAnswerSchema, readForwarded, refusal } from './forward.js';
import { LeaderLease } from './leader-lease.js';
import { RedisHistory } from './redis-history.js';
import { RedisLink } from './redis-link.js';
import { RedisSeqMark } from './redis-seq-mark.js';

/** A leader that dies is replaced within this plus a third of it (4 s). */
const LEASE_TTL_MS = 3000;
const KEY_PREFIX = 'hothub';
const RETRY_TAKE_MS = 1000;

export interface ClusterOptions {
  /** `redis://host:port` */
  url: string;
  /** This hub process, unique in the cluster. */
  serverId: string;
  log: EventLog;
  logger: Logger;
  /** Makes an event another hub numbered true on this hub (same file, same version) and sends it to this hub's pages. */
  follow(entry: ClusterEntry): Promise<void>;
  /**
   * This hub has just become the one that runs the pipeline for file changes. `gapped`: the leader before
   * it stopped without releasing its numbers (killed mid-burst), so its pages may hold versions no hub
   * announced: every artifact should be announced again (its numbers are above theirs already).
   */
  onLeading(gapped: boolean): void;
  /** This hub leads: runs what a follower forwarded (`forward`) and says what it numbered. */
  answer(request: ForwardRequest): Promise<ForwardAnswer>;
}


/**
 * Hubs joined through one Redis: a shared, seq-ordered history (`RedisHistory`), a leader lease
 * (only the leader runs the pipeline for file changes) and socket.io's Redis streams adapter.
 * While Redis is away every hub leads alone and serves its own pages; it rejoins when Redis is back.
 * @example
 * const cluster = new Cluster({ url: 'redis://127.0.0.1:6379', serverId, log, logger, follow, onLeading });
 * await cluster.start();
 * cluster.attach(io);
 * if (cluster.leading) runPipeline();
 */
export class Cluster {
  readonly #options: ClusterOptions;
  readonly #link: RedisLink;
  readonly #lease: LeaderLease;
  readonly #history: RedisHistory;
  readonly #mark: RedisSeqMark;
  #adapterClient?: Redis;
  #io?: HubSocketServer;
  #leading = false;
  /** The lease is held and numbers are reserved above the mark (`RedisSeqMark.take`): only then does this hub lead. */
  #reserved = false;
  #taking: Promise<void> | undefined;

  constructor(options: ClusterOptions) {
    this.#options = options;
    const { url, serverId, log, logger } = options;
    this.#link = new RedisLink(url, logger);
    this.#lease = new LeaderLease(this.#link.client, { key: `${KEY_PREFIX}:leader`, owner: serverId, ttlMs: LEASE_TTL_MS });
    this.#history = new RedisHistory(this.#link, log, { prefix: KEY_PREFIX, origin: serverId, capacity: HISTORY_CAPACITY, logger });
    this.#mark = new RedisSeqMark(this.#link.client, KEY_PREFIX, logger);
  }

  /** Appends an event this hub numbered to the shared stream, with its file relative to its kind's folder. */
  append(event: LoggedEvent, file: string | undefined): void {
    if (this.#link.up) this.#mark.cover(event.payload.seq);
    this.#history.append(event, file);
  }

  /** Whether this hub runs the pipeline for file changes: it holds the lease, or Redis is away and it leads alone. */
  get leading(): boolean {
    return !this.#link.up || (this.#lease.held && this.#reserved);
  }

  /** Joins (or, when Redis does not answer, starts alone and keeps trying); resolves with the lease tried once. */
  async start(): Promise<void> {
    const { logger } = this.#options;
    await this.#link.connect();
    if (this.#link.up) {
      await this.#history.join().catch((error: unknown) => logger.error('cannot join the cluster; numbering alone until Redis answers again', { error: String(error) }));
    }
    this.#history.follow((entry) => this.#options.follow(entry));
    this.#link.on('up', () => {
      this.#history
        .join()
        .then(() => this.#lease.tick())
        .catch((error: unknown) => logger.error('cannot rejoin the cluster', { error: String(error) }))
        .finally(() => void this.#update());
    });
    this.#link.on('down', () => {
      this.#lease.forget();
      void this.#update();
    });
    this.#lease.on('change', (held) => {
      logger.info(held ? 'this hub leads the cluster: it runs the pipeline for file changes' : 'this hub no longer leads the cluster');
      void this.#update();
    });
    await this.#lease.start();
    await this.#update();
  }

  /** socket.io's Redis streams adapter: rooms, `fetchSockets()` and `serverSideEmit()` span every hub. */
  attach(io: HubSocketServer): void {
    // Its own client, which the adapter duplicates: commands wait while Redis is away, as the adapter
    // leaves some promises (SUBSCRIBE) unhandled and a rejection would end the process.
    this.#adapterClient = new Redis(this.#options.url, { maxRetriesPerRequest: null, retryStrategy: (attempt) => Math.min(100 * attempt, 1000) });
    this.#adapterClient.on('error', () => undefined);
    io.adapter(createAdapter(this.#adapterClient, { streamName: `${KEY_PREFIX}:socket.io`, blockTimeInMs: 1000 }));
    this.#io = io;
    io.on('hothub:forward', (raw, reply) => {
      if (!this.leading) return reply(null);
      let request: ForwardRequest;
      try {
        request = readForwarded(ForwardRequest, raw, 'forwarded request');
      } catch (error) {
        return reply(refusal(error));
      }
      this.#options.answer(request).then(reply, (error: unknown) => reply(refusal(error)));
    });
  }

  /**
   * Asks the leader to number `request` (issue 12: a follower that numbered it itself could collide with the
   * leader). Undefined when no leader answered in time (none yet, Redis away): the caller numbers it itself.
   */
  async forward(request: ForwardRequest): Promise<ForwardAnswer | undefined> {
    const io = this.#io;
    if (!io || !this.#link.up) return undefined;
    const replies = await new Promise<unknown[]>((resolve) => {
      // Every other hub replies, the leader with its answer, the others with null; one that died is waited for until
      // the adapter's timeout (5 s), and the answers that came are used.
      io.serverSideEmit('hothub:forward', request, (_error: Error | null, answers: unknown[]) => resolve(answers ?? []));
    });
    const answer = replies.find((reply) => reply !== null && reply !== undefined);
    return answer === undefined ? undefined : readForwarded(ForwardAnswerSchema, answer, "the leader's answer");
  }

  /** Frees the lease (another hub takes over at once) and closes every Redis connection. */
  async stop(): Promise<void> {
    if (this.#link.up && this.#lease.held && this.#reserved) await this.#mark.release(this.#options.log.seq);
    await this.#lease.release();
    this.#history.close();
    this.#adapterClient?.disconnect();
    this.#link.close();
  }

  /** Leads once the lease is held and numbers are reserved; while Redis is away, alone at once. */
  #update(): Promise<void> {
    if (!this.#link.up || !this.#lease.held) this.#reserved = false;
    else if (!this.#reserved) return (this.#taking ??= this.#take().finally(() => (this.#taking = undefined)));
    this.#changed(false);
    return Promise.resolve();
  }

  /** Reserves numbers above every `seq` the last leader may have sent, then leads (issue 12: a leader killed mid-burst). */
  async #take(): Promise<void> {
    const { log, logger } = this.#options;
    try {
      const { from, gapped } = await this.#mark.take(log.seq);
      if (!this.#link.up || !this.#lease.held) return;
      if (gapped) {
        logger.warn(`the last leader stopped without releasing numbers up to seq ${from}: this hub numbers above them and announces every artifact again`);
        log.renumberAbove(from);
      }
      this.#reserved = true;
      // A hub that led alone while Redis was away has not announced anything again yet.
      if (gapped) this.#leading = false;
      this.#changed(gapped);
    } catch (error) {
      logger.error('cannot reserve numbers in Redis: this hub does not lead until it can (tried again in a second)', { error: String(error) });
      setTimeout(() => void this.#update(), RETRY_TAKE_MS).unref();
    }
  }

  #changed(gapped: boolean): void {
    const leading = this.leading;
    if (leading === this.#leading) return;
    this.#leading = leading;
    if (leading) this.#options.onLeading(gapped);
  }
}
