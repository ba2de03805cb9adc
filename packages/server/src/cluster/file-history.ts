import { appendFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, HistoryEntry, validate } from '@hothub/shared';
import * as z from 'zod/mini';
import type { LoggedEvent } from '../pipeline/event-log.js';
import { errorCode } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { OncePerCause } from '../util/once-per-cause.js';
import { writeAtomic } from '../util/write-atomic.js';

/**
 * The highest `seq` a line may hold: 2^40 events is 35 years at 1,000 a second. A line above it (2^53-1, by
 * hand or by a bug) would make the next number unsafe in JavaScript and hide every later event from pages.
 */
export const MAX_STORED_SEQ = 2 ** 40;

/** One line of the history file: an event and the numbering (`EventLog.id`) its `seq` belongs to. */
const HistoryLine = z.object({ id: z.string().check(z.minLength(1)), event: HistoryEntry });

export interface RestoredHistory {
  /** The numbering of the latest line, if the file had one. */
  id?: string;
  /** Its events, oldest first. */
  events: LoggedEvent[];
}

/**
 * `<root>/.hothub/history.jsonl`: every event the hub numbers, one JSON line each, so a restarted
 * hub goes on numbering where it stopped and replays what a page missed across the restart.
 * Lines that do not parse (a crash mid-write, a hand edit) are skipped, never fatal.
 */
export class FileHistory {
  readonly #file: string;
  readonly #capacity: number;
  readonly #idOf: () => string;
  readonly #logger: Logger;
  /** Lines in the file: past twice the capacity it is rewritten with the newest `capacity` events. */
  #lines: number;
  #writing: Promise<void> = Promise.resolve();
  /** Lines numbered while a trim rewrites the file, appended once it is done. */
  readonly #pending: string[] = [];
  #trimming = false;
  readonly #unwritable: OncePerCause;

  private constructor(file: string, capacity: number, lines: number, idOf: () => string, logger: Logger) {
    this.#file = file;
    this.#capacity = capacity;
    this.#lines = lines;
    this.#idOf = idOf;
    this.#logger = logger;
    this.#unwritable = new OncePerCause(
      (cause) => logger.error(`cannot write ${file} (${cause}): events go on, but a restarted hub will not replay them`),
      () => logger.info(`${file} is written again`),
    );
  }

  /**
   * Reads the history under `root` and keeps the file to at most `capacity` events (at most twice that while
   * the hub runs).
   * @example
   * const { store, restored } = await FileHistory.open(root, 1000, () => log.id, logger);
   * if (restored.id) log.restore(restored.id, restored.events);
   * store.append(event); // for every event numbered from then on
   */
  static async open(root: string, capacity: number, idOf: () => string, logger: Logger): Promise<{ store: FileHistory; restored: RestoredHistory }> {
    const dir = join(root, '.hothub');
    const file = join(dir, 'history.jsonl');
    await mkdir(dir, { recursive: true });
    const restored = await trim(file, capacity, logger);
    return { store: new FileHistory(file, capacity, restored.events.length, idOf, logger), restored };
  }

  /**
   * Writes an event this hub numbered before its pages get it (this consumer runs first in `after-run.ts`);
   * never throws (a failure is logged). Synchronous, about 10 µs a line: written with the promise API, a
   * 100-file checkout queued behind the reads of the burst: none of the 95 events pages had were on disk when the
   * hub was killed. No fsync per line (3 ms each): `.hothub/seq-reserved.json` is what a power cut relies on.
   */
  append(event: LoggedEvent): void {
    const line = `${JSON.stringify({ id: this.#idOf(), event })}\n`;
    // A trim is rewriting the file: a line appended now would be lost in its rename.
    if (this.#trimming) return void this.#pending.push(line);
    this.#write(line, 1);
    if (this.#lines > 2 * this.#capacity) this.#trim();
  }

  #write(text: string, count: number): void {
    try {
      appendFileSync(this.#file, text);
      this.#lines += count;
      this.#unwritable.succeeded();
    } catch (error) {
      this.#unwritable.failed(errorCode(error) ?? errorMessage(error));
    }
  }

  #trim(): void {
    this.#trimming = true;
    this.#writing = trim(this.#file, this.#capacity, this.#logger)
      .then((restored) => void (this.#lines = restored.events.length))
      .catch((error: unknown) => this.#unwritable.failed(errorCode(error) ?? errorMessage(error)))
      .finally(() => {
        this.#trimming = false;
        const lines = this.#pending.splice(0);
        if (lines.length > 0) this.#write(lines.join(''), lines.length);
        if (this.#lines > 2 * this.#capacity) this.#trim();
      });
  }

  /** Resolves once every appended event is on disk (and any trim it started is done). */
  async flush(): Promise<void> {
    let writing: Promise<void>;
    do {
      writing = this.#writing;
      await writing;
    } while (writing !== this.#writing);
  }
}

/** Reads the file and, when it holds more, rewrites it with the newest `capacity` events of its latest numbering. */
async function trim(file: string, capacity: number, logger: Logger): Promise<RestoredHistory> {
  const lines = await readLines(file);
  const valid = lines.map((line) => parseLine(line)).filter((line) => line !== undefined).filter((line) => line.event.payload.seq <= MAX_STORED_SEQ);
  if (valid.length < lines.length) {
    logger.warn(`skipped ${lines.length - valid.length} lines of ${file} that do not parse or hold a seq above ${MAX_STORED_SEQ}`);
  }
  const id = valid.at(-1)?.id;
  const events = bySeq(valid.filter((line) => line.id === id).map((line) => line.event)).slice(-capacity);
  if (lines.length > events.length) {
    // Rewritten whole (then renamed over), so a crash leaves the old file or the new one.
    await writeAtomic(file, Buffer.from(events.map((event) => `${JSON.stringify({ id, event })}\n`).join('')));
  }
  return id === undefined ? { events } : { id, events };
}

async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
}

function parseLine(line: string): z.infer<typeof HistoryLine> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = validate(HistoryLine, data, 'history line');
  return parsed.ok ? parsed.value : undefined;
}

/** Oldest first, one event per seq: hubs sharing a root during a Redis outage may both have written one. */
function bySeq(events: LoggedEvent[]): LoggedEvent[] {
  const unique = new Map(events.map((event) => [event.payload.seq, event]));
  return [...unique.values()].sort((a, b) => a.payload.seq - b.payload.seq);
}
