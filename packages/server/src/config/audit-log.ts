import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Cause, errorMessage, type Trigger } from '@hothub/shared';
import { errorCode } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { OncePerCause } from '../util/once-per-cause.js';

/** One line of `<root>/.hothub/audit.log`. */
export interface AuditEntry {
  /** ISO time of the event. */
  at: string;
  kind: 'config';
  id: string;
  trigger: Trigger;
  /** `applied`, `rejected` (never applied: bad file, schema), `rolled_back` (applied, then undone by a failed health check). */
  result: 'applied' | 'rejected' | 'rolled_back';
  version?: string;
  previousVersion?: string;
  /** Keys that changed (or would have, for `rolled_back`). */
  keys: string[];
  /** Old and new value of each key, secret-looking ones redacted; absent means the key was absent. */
  changes: { key: string; from?: unknown; to?: unknown }[];
  error?: string;
  cause?: Cause;
  /** Who asked for the run and why (`POST /reload`, the webhook), as they said. */
  triggeredBy?: string;
  reason?: string;
}

/** Appends JSON lines, one write at a time, so concurrent reloads never interleave a line. */
export class AuditLog {
  #tail: Promise<void> = Promise.resolve();
  readonly #unwritable: OncePerCause;

  constructor(
    readonly file: string,
    logger: Logger,
  ) {
    this.#unwritable = new OncePerCause(
      (cause) => logger.error(`cannot append to ${file} (${cause}): config changes go on without an audit trail until it can be written`),
      () => logger.info(`${file} is written again`),
    );
  }

  append(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    this.#tail = this.#tail
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true });
        await appendFile(this.file, line);
        this.#unwritable.succeeded();
      })
      .catch((error: unknown) => this.#unwritable.failed(errorCode(error) ?? errorMessage(error)));
    return this.#tail;
  }

  /** Resolves once every entry so far is on disk. */
  flushed(): Promise<void> {
    return this.#tail;
  }
}
