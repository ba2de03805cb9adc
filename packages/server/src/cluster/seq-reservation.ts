import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, validate } from '@hothub/shared';
import * as z from 'zod/mini';
import type { SeqReservation } from '../pipeline/event-log.js';
import { errorCode } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { OncePerCause } from '../util/once-per-cause.js';
import { MAX_STORED_SEQ } from './file-history.js';

const Mark = z.object({ reserved: z.number().check(z.int(), z.minimum(0), z.maximum(MAX_STORED_SEQ)) });

/**
 * `<root>/.hothub/seq-reserved.json`: the highest `seq` this hub may have sent. Written (fsync, then
 * renamed over) before a number above the previous mark is used, once per `RESERVED_RANGE` events, and
 * lowered to the latest number on a clean stop. The history file is written after the send and may be
 * behind after a kill -9; this mark never is, so a restarted hub greets pages above anything they saw.
 * @example
 * const reservation = FileSeqReservation.open(root, logger);
 * log.reserveWith(reservation); // after log.restore(...)
 */
export class FileSeqReservation implements SeqReservation {
  readonly #file: string;
  readonly #unwritable: OncePerCause;

  private constructor(
    file: string,
    readonly reserved: number,
    logger: Logger,
  ) {
    this.#file = file;
    this.#unwritable = new OncePerCause(
      (cause) => logger.error(`cannot write ${file} (${cause}): after a crash, pages may hold numbers the restarted hub uses again`),
      () => logger.info(`${file} is written again`),
    );
  }

  /** Reads the mark under `root` (0 when there is none; an invalid one is said and ignored). */
  static open(root: string, logger: Logger): FileSeqReservation {
    const file = join(root, '.hothub', 'seq-reserved.json');
    return new FileSeqReservation(file, readMark(file, logger), logger);
  }

  reserve(upTo: number): void {
    const temp = `${this.#file}.tmp`;
    try {
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, JSON.stringify({ reserved: upTo }));
        // Survives a power cut too, not only a killed process: once per range, so its cost is spread.
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.#file);
      this.#unwritable.succeeded();
    } catch (error) {
      // A temp file left here is overwritten by the next reservation.
      this.#unwritable.failed(errorCode(error) ?? errorMessage(error));
    }
  }
}

function readMark(file: string, logger: Logger): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') logger.warn(`cannot read ${file} (${errorCode(error) ?? errorMessage(error)}): numbering goes on from the history`);
    return 0;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const parsed = validate(Mark, data, 'seq mark');
  if (parsed.ok) return parsed.value.reserved;
  logger.warn(`ignored ${file}: ${parsed.error.message}; numbering goes on from the history`);
  return 0;
}
