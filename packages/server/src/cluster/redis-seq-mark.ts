import type { Redis } from 'ioredis';
import * as z from 'zod/mini';
import { validate } from '@hothub/shared';
import { RESERVED_RANGE } from '../pipeline/event-log.js';
import type { Logger } from '../util/log.js';

/**
 * A hub taking the lead: numbers from above the mark and the cluster's seq, reserving `RESERVED_RANGE`
 * numbers first. Returns the mark it found and the cluster's seq. KEYS: reserved, seq. ARGV: this hub's seq, range.
 */
const TAKE = `
local found = tonumber(redis.call('GET', KEYS[1]) or '0')
local seq = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(ARGV[1]))
redis.call('SET', KEYS[1], math.max(found, seq) + tonumber(ARGV[2]))
return {tostring(found), tostring(seq), redis.call('GET', KEYS[1])}`;

/** Raises the mark to ARGV[1] (never lowers it); returns the mark. KEYS: reserved. */
const RAISE = `
local mark = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(ARGV[1]))
redis.call('SET', KEYS[1], mark)
return tostring(mark)`;

/**
 * A leader that stops cleanly lowers the mark to the latest seq, so the next leader goes on with no
 * gap; only if the mark is still the one it set (nobody reserved after it). KEYS: reserved, seq. ARGV: its mark, its seq.
 */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(ARGV[2])))
return 1`;

const TakeReply = z.tuple([z.string(), z.string(), z.string()]);

/** What a hub found when it took the lead. */
export interface TakenMark {
  /** The highest `seq` some hub may have sent; this hub numbers above it. */
  from: number;
  /** A leader stopped without releasing its mark (killed, paused past its lease): pages may hold numbers no history has. */
  gapped: boolean;
}

/**
 * `hothub:seq-reserved`, the cluster's counterpart of `.hothub/seq-reserved.json` (issue 12): the highest
 * `seq` any hub may have sent to its pages. The leader reserves `RESERVED_RANGE` numbers when it takes the
 * lead (awaited before it numbers anything) and raises the mark again, without waiting, when half of them
 * are used: its appends to the stream are not awaited, so a leader killed mid-burst may have sent numbers
 * the stream never got, but never numbers above this mark. The next leader starts above it.
 * @example
 * const { from, gapped } = await mark.take(log.seq);
 * mark.cover(event.payload.seq); // on every event this hub numbers
 */
export class RedisSeqMark {
  readonly #client: Redis;
  readonly #keys: { reserved: string; seq: string };
  readonly #logger: Logger;
  /** The mark as Redis last confirmed it to this hub. */
  #mark = 0;
  #raising = false;

  constructor(client: Redis, prefix: string, logger: Logger) {
    this.#client = client;
    this.#keys = { reserved: `${prefix}:seq-reserved`, seq: `${prefix}:seq` };
    this.#logger = logger;
  }

  /** Reserves numbers above the mark and the cluster's seq for this hub, which has numbered up to `seq`. */
  async take(seq: number): Promise<TakenMark> {
    const { reserved, seq: seqKey } = this.#keys;
    const reply = validate(TakeReply, await this.#client.eval(TAKE, 2, reserved, seqKey, seq, RESERVED_RANGE), 'Redis reply');
    if (!reply.ok) throw new Error(reply.error.message);
    const [found, clusterSeq, mark] = reply.value.map(Number) as [number, number, number];
    this.#mark = mark;
    return { from: Math.max(found, clusterSeq), gapped: found > clusterSeq };
  }

  /** This hub numbered `seq`: past half of its reservation, reserves the next range (not awaited; never throws). */
  cover(seq: number): void {
    if (this.#raising || seq <= this.#mark - RESERVED_RANGE / 2) return;
    this.#raising = true;
    this.#client
      .eval(RAISE, 1, this.#keys.reserved, seq + RESERVED_RANGE)
      .then((mark) => (this.#mark = Math.max(this.#mark, Number(mark))))
      .catch((error: unknown) => this.#logger.warn('could not reserve numbers in Redis', { error: String(error) }))
      .finally(() => (this.#raising = false));
  }

  /** A clean stop of the leader: the mark comes down to `seq` (or the cluster's), so the next leader has no gap. */
  async release(seq: number): Promise<void> {
    await this.#client.eval(RELEASE, 2, this.#keys.reserved, this.#keys.seq, this.#mark, seq).catch(() => undefined);
  }
}
