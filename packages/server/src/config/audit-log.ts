import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Cause, Trigger } from '@hothub/shared';
import type { Logger } from '../util/log.js';

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
}

/** Appends JSON lines, one write at a time, so concurrent reloads never interleave a line. */
export class AuditLog {
  #tail: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly logger: Logger,
  ) {}

  append(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    this.#tail = this.#tail
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true });
        await appendFile(this.file, line);
      })
      .catch((error: unknown) => this.logger.error(`cannot append to ${this.file}`, { error: String(error) }));
    return this.#tail;
  }

  /** Resolves once every entry so far is on disk. */
  flushed(): Promise<void> {
    return this.#tail;
  }
}
