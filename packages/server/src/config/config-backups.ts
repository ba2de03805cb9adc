import { readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '@hothub/shared';
import { errorCode } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { OncePerCause } from '../util/once-per-cause.js';
import { writeAtomic } from '../util/write-atomic.js';

/** A backed-up version of a config. */
export interface BackupEntry {
  version: string;
  /** The file it was loaded from (`app.yaml`), where a rollback writes it back. */
  relPath: string;
  /** When it was last replaced by another version (ms since the epoch). */
  savedAt: number;
}

/**
 * `000012.<version>.<file name>`: the number orders backups, newest highest. The name must be a config's
 * (`.json`, `.yaml`, `.yml`): a temp file a kill left mid-write (`….json.1a2b3c4d.tmp`) is no version.
 */
const ENTRY = /^(\d+)\.([A-Za-z0-9_-]+)\.([^/]+\.(?:json|ya?ml))$/;

/**
 * The last `keep` versions of each config on disk (`<root>/.hothub/backups/config/<id>/`),
 * one file per version with its original bytes, so they survive a restart.
 */
export class ConfigBackups {
  readonly #unwritable: OncePerCause;

  constructor(
    private readonly dir: string,
    private readonly keep: number,
    logger: Logger,
  ) {
    this.#unwritable = new OncePerCause(
      (cause) => logger.warn(`config backups are off (${cause}): reloads go on, but a rollback can only go back to versions kept before; make ${dir} writable to keep them`),
      () => logger.info(`config backups are kept again in ${dir}`),
    );
  }

  /**
   * Stores a version as the newest backup (a version already stored just becomes the newest) and drops the
   * oldest past `keep`. Never throws: a `.hothub/` that cannot be written (a file in its place, read-only, a
   * full disk) is said once and reloads go on without a backup.
   */
  async save(id: string, version: string, relPath: string, bytes: Uint8Array): Promise<void> {
    try {
      await this.#save(id, version, relPath, bytes);
      this.#unwritable.succeeded();
    } catch (error) {
      this.#unwritable.failed(errorCode(error) ?? errorMessage(error));
    }
  }

  async #save(id: string, version: string, relPath: string, bytes: Uint8Array): Promise<void> {
    const entries = await this.#entries(id);
    const seq = (entries[0]?.seq ?? 0) + 1;
    const target = join(this.#folder(id), `${String(seq).padStart(6, '0')}.${version}.${relPath}`);
    const existing = entries.find((entry) => entry.version === version && entry.relPath === relPath);
    if (existing) {
      await rename(existing.file, target);
      const now = new Date();
      await utimes(target, now, now);
    } else {
      await writeAtomic(target, bytes);
    }
    const kept = entries.filter((entry) => entry !== existing);
    await Promise.all(kept.slice(this.keep - 1).map((entry) => rm(entry.file, { force: true })));
  }

  /** Backed-up versions, newest first. */
  async list(id: string): Promise<BackupEntry[]> {
    return (await this.#entries(id)).map(({ version, relPath, savedAt }) => ({ version, relPath, savedAt }));
  }

  /** The bytes of a backed-up version. */
  async read(id: string, entry: BackupEntry): Promise<Buffer> {
    const found = (await this.#entries(id)).find((e) => e.version === entry.version && e.relPath === entry.relPath);
    if (!found) throw new Error(`version ${entry.version} of config ${id} is no longer backed up`);
    return readFile(found.file);
  }

  #folder(id: string): string {
    return join(this.dir, encodeURIComponent(id));
  }

  async #entries(id: string) {
    const folder = this.#folder(id);
    const names = await readdir(folder).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    });
    const entries = await Promise.all(
      names.flatMap((name) => {
        const match = ENTRY.exec(name);
        if (!match) return [];
        const file = join(folder, name);
        return [stat(file).then((info) => ({ seq: Number(match[1]), version: match[2]!, relPath: match[3]!, file, savedAt: info.mtimeMs }))];
      }),
    );
    return entries.sort((a, b) => b.seq - a.seq);
  }
}
