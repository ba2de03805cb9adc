import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventMessage, validate } from '@hothub/shared';
import * as z from 'zod/mini';
import type { HubEvent } from '../pipeline/event-log.js';
import { errorCode } from '../util/errors.js';
import type { Logger } from '../util/log.js';

/** One line of the history file: an event and the numbering (`EventLog.id`) its `seq` belongs to. */
const HistoryLine = z.object({ id: z.string().check(z.minLength(1)), event: EventMessage });

export interface RestoredHistory {
  /** The numbering of the latest line, if the file had one. */
  id?: string;
  /** Its events, oldest first. */
  events: HubEvent[];
}

/**
 * `<root>/.hothub/history.jsonl`: every event the hub numbers, one JSON line each, so a restarted
 * hub goes on numbering where it stopped and replays what a page missed across the restart.
 * Lines that do not parse (a crash mid-write, a hand edit) are skipped, never fatal.
 */
export class FileHistory {
  readonly #file: string;
  readonly #idOf: () => string;
  readonly #logger: Logger;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string, idOf: () => string, logger: Logger) {
    this.#file = file;
    this.#idOf = idOf;
    this.#logger = logger;
  }

  /**
   * Reads the history under `root` and keeps the file to at most `capacity` events.
   * @example
   * const { store, restored } = await FileHistory.open(root, 1000, () => log.id, logger);
   * if (restored.id) log.restore(restored.id, restored.events);
   * store.append(event); // for every event numbered from then on
   */
  static async open(root: string, capacity: number, idOf: () => string, logger: Logger): Promise<{ store: FileHistory; restored: RestoredHistory }> {
    const dir = join(root, '.hothub');
    const file = join(dir, 'history.jsonl');
    const lines = await readLines(file);
    const valid = lines.map((line) => parseLine(line)).filter((line) => line !== undefined);
    if (valid.length < lines.length) logger.warn(`skipped ${lines.length - valid.length} unreadable lines of ${file}`);
    const id = valid.at(-1)?.id;
    const events = bySeq(valid.filter((line) => line.id === id).map((line) => line.event)).slice(-capacity);
    await mkdir(dir, { recursive: true });
    if (lines.length > events.length) {
      // Rewritten whole (then renamed over), so a crash leaves the old file or the new one.
      const text = events.map((event) => `${JSON.stringify({ id, event })}\n`).join('');
      await writeFile(`${file}.tmp`, text);
      await rename(`${file}.tmp`, file);
    }
    return { store: new FileHistory(file, idOf, logger), restored: id === undefined ? { events } : { id, events } };
  }

  /** Writes an event this hub numbered; never throws (a failure is logged). */
  append(event: HubEvent): void {
    const line = `${JSON.stringify({ id: this.#idOf(), event })}\n`;
    this.#writing = this.#writing
      .then(() => appendFile(this.#file, line))
      .catch((error: unknown) => this.#logger.error(`cannot write ${this.#file}`, { error: String(error) }));
  }

  /** Resolves once every appended event is on disk. */
  flush(): Promise<void> {
    return this.#writing;
  }
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
function bySeq(events: HubEvent[]): HubEvent[] {
  const unique = new Map(events.map((event) => [event.payload.seq, event]));
  return [...unique.values()].sort((a, b) => a.payload.seq - b.payload.seq);
}
