import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import * as z from 'zod/mini';
import { validate } from '@hothub/shared';
import type { EventLog, LoggedEvent } from '../pipeline/event-log.js';
import type { Logger } from '../util/log.js';
import { type ClusterEntry, parseClusterEntry } from './cluster-entry.js';
import type { RedisLink } from './redis-link.js';

/**
 * Joins the cluster's numbering. An empty cluster (first hub, or Redis restarted without its data)
 * takes this hub's id, seq and history; otherwise the cluster's seq is raised to this hub's if
 * that is higher, so no hub ever numbers at or below a `seq` some page may hold.
 * KEYS: id, seq, stream. ARGV: id, seq, maxlen, origin, then seq/event pairs.
 */
const JOIN = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('SET', KEYS[2], ARGV[2])
  for i = 5, #ARGV, 2 do
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', 'seq', ARGV[i], 'origin', ARGV[4], 'event', ARGV[i + 1], 'file', '')
  end
  return {ARGV[1], ARGV[2]}
end
local seq = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(ARGV[2]))
redis.call('SET', KEYS[2], seq)
return {redis.call('GET', KEYS[1]), tostring(seq)}`;

/**
 * Adds an event to the stream only if its seq is above every seq the cluster handed out, so the
 * stream is in seq order. KEYS: seq, stream. ARGV: seq, maxlen, origin, event, file.
 */
const APPEND = `
if tonumber(ARGV[1]) <= tonumber(redis.call('GET', KEYS[1]) or '0') then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'seq', ARGV[1], 'origin', ARGV[3], 'event', ARGV[4], 'file', ARGV[5])
return 1`;

const JoinReply = z.tuple([z.string(), z.string()]);

/** How long one blocking read waits before it is issued again. */
const BLOCK_MS = 5000;

export interface RedisHistoryOptions {
  /** Key prefix: `<prefix>:id`, `<prefix>:seq`, `<prefix>:events`. */
  prefix: string;
  /** `serverId` of this hub process. */
  origin: string;
  /** Events kept in the stream, as in the `EventLog`. */
  capacity: number;
  logger: Logger;
}

/**
 * The cluster's shared history, a Redis stream: every hub appends the events it numbers and
 * reads the others' in order. It is also where a hub that starts (or restarts) finds the history.
 */
export class RedisHistory {
  readonly #link: RedisLink;
  readonly #log: EventLog;
  readonly #options: RedisHistoryOptions;
  readonly #keys: { id: string; seq: string; stream: string };
  #reader?: Redis;
  #lastId = '0-0';
  #closed = false;

  constructor(link: RedisLink, log: EventLog, options: RedisHistoryOptions) {
    this.#link = link;
    this.#log = log;
    this.#options = options;
    const { prefix } = options;
    this.#keys = { id: `${prefix}:id`, seq: `${prefix}:seq`, stream: `${prefix}:events` };
  }

  /**
   * Shares an event this hub numbered; `file` is the artifact's file relative to its kind's folder, for
   * the other hubs to load (empty when there is none). Never throws: a failure is logged.
   */
  append(event: LoggedEvent, file = ''): void {
    // Numbered while Redis is away: it stays with this hub, whose pages got it; the cluster's seq is raised past it on rejoin.
    if (!this.#link.up) return;
    const { capacity, origin, logger } = this.#options;
    const seq = event.payload.seq;
    this.#link.client
      .eval(APPEND, 2, this.#keys.seq, this.#keys.stream, seq, capacity, origin, JSON.stringify(event), file)
      .then((added) => {
        if (added !== 1) logger.warn(`another hub already numbered seq ${seq}: ${describe(event)} reached this hub's pages only`);
      })
      .catch((error: unknown) => logger.warn(`could not share seq ${seq} with the cluster`, { error: String(error) }));
  }

  /**
   * Joins the cluster's numbering (see `JOIN`). When the cluster numbers under another id, this
   * hub takes over its history, so a page may move between hubs and still be replayed what it missed.
   */
  async join(): Promise<void> {
    const log = this.#log;
    const { capacity, origin } = this.#options;
    const pairs = log.since(0).flatMap((event) => [event.payload.seq, JSON.stringify(event)]);
    const { id, seq, stream } = this.#keys;
    const reply = validate(JoinReply, await this.#link.client.eval(JOIN, 3, id, seq, stream, log.id, log.seq, capacity, origin, ...pairs), 'Redis reply');
    if (!reply.ok) throw new Error(reply.error.message);
    const [clusterId, clusterSeq] = reply.value;
    if (clusterId !== log.id) {
      const entries = await this.#range();
      log.restore(clusterId, entries.map((entry) => entry.event));
    }
    log.raise(Number(clusterSeq));
  }

  /** Reads the other hubs' events from the end of what `join` took, handing each to `onEntry` in order. */
  follow(onEntry: (entry: ClusterEntry) => Promise<void>): void {
    this.#reader ??= this.#link.duplicate();
    void this.#read(this.#reader, onEntry);
  }

  close(): void {
    this.#closed = true;
    this.#reader?.disconnect();
  }

  async #read(reader: Redis, onEntry: (entry: ClusterEntry) => Promise<void>): Promise<void> {
    while (!this.#closed) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = await reader.xread('BLOCK', BLOCK_MS, 'STREAMS', this.#keys.stream, this.#lastId);
      } catch {
        // Redis went away mid-read: the reader's queue waits for it; pause so a failing server is not hammered.
        if (!this.#closed) await sleep(BLOCK_MS / 5);
        continue;
      }
      for (const [id, fields] of reply?.[0]?.[1] ?? []) {
        this.#lastId = id;
        const entry = this.#accept(fields);
        if (entry) await onEntry(entry).catch((error: unknown) => this.#options.logger.error('cannot follow a cluster event', { error: String(error) }));
      }
    }
  }

  /** The stream's entries, oldest first, remembering where the reader starts. */
  async #range(): Promise<ClusterEntry[]> {
    const entries: ClusterEntry[] = [];
    for (const [id, fields] of await this.#link.client.xrange(this.#keys.stream, '-', '+')) {
      this.#lastId = id;
      const entry = this.#parse(fields);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** A valid entry another hub numbered above this hub's latest seq. */
  #accept(fields: string[]): ClusterEntry | undefined {
    const entry = this.#parse(fields);
    if (!entry || entry.origin === this.#options.origin || entry.event.payload.seq <= this.#log.seq) return undefined;
    return entry;
  }

  #parse(fields: string[]): ClusterEntry | undefined {
    const parsed = parseClusterEntry(fields);
    if (parsed.ok) return parsed.value;
    this.#options.logger.warn('skipped an invalid entry of the cluster stream', { error: parsed.error.message });
    return undefined;
  }
}

/** How a log line names an event: its artifact, or its topic (`published`), or the page error's message. */
function describe(event: LoggedEvent): string {
  if (event.name === 'published') return `published "${event.payload.topic}"`;
  if (event.name === 'runtime_error') return `runtime_error "${event.payload.message.slice(0, 80)}"`;
  return `${event.payload.kind}/${event.payload.id}`;
}
