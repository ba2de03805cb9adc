import { readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, type Trigger, TRIGGERS } from '@hothub/shared';
import { errorCode } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import { OncePerCause } from '../util/once-per-cause.js';
import { writeAtomic } from '../util/write-atomic.js';

/** A backed-up version of an artifact. */
export interface BackupEntry {
  version: string;
  /** The file it was loaded from (`app.yaml`, `sub/main.css`), relative to its kind's folder: where a rollback writes it back. */
  relPath: string;
  /** When it was stored (ms since the epoch): a config's when it was replaced, another kind's when it started serving. */
  savedAt: number;
  /** What made the run that stored it (absent in a config's backups, which keep the version a run replaced). */
  trigger?: Trigger;
  /** Its size in bytes. */
  size: number;
}

/**
 * `000012.<version>.[<trigger>~]<file path, URI-encoded>`: the number orders backups, newest highest. A temp
 * file a kill left mid-write (`….json.1a2b3c4d.tmp`) is no version.
 */
const ENTRY = new RegExp(`^(\\d+)\\.([A-Za-z0-9_-]+)\\.(?:(${TRIGGERS.join('|')})~)?([^/~]+)$`);
const TEMP = /\.[0-9a-f]{8}\.tmp$/;

/**
 * The last `keep` versions of each artifact of one kind on disk (`<root>/.hothub/backups/<kind>/<id>/`),
 * one file per version with its original bytes, so they survive a restart. Configs keep the version each
 * run replaced (the kind's `backup` step); every other kind the version each run committed (`ops/kind-versions.ts`).
 */
export class ConfigBackups {
  readonly #unwritable: OncePerCause;

  constructor(
    private readonly dir: string,
    private readonly keep: number,
    logger: Logger,
    private readonly kind = 'config',
  ) {
    this.#unwritable = new OncePerCause(
      (cause) => logger.warn(`${kind} backups are off (${cause}): reloads go on, but a rollback can only go back to versions kept before; make ${dir} writable to keep them`),
      () => logger.info(`${kind} backups are kept again in ${dir}`),
    );
  }

  /**
   * Stores a version as the newest backup (a version already stored just becomes the newest) and drops the
   * oldest past `keep`. Never throws: a `.hothub/` that cannot be written (a file in its place, read-only, a
   * full disk) is said once and reloads go on without a backup.
   */
  async save(id: string, version: string, relPath: string, bytes: Uint8Array, trigger?: Trigger): Promise<void> {
    try {
      await this.#save(id, version, relPath, bytes, trigger);
      this.#unwritable.succeeded();
    } catch (error) {
      this.#unwritable.failed(errorCode(error) ?? errorMessage(error));
    }
  }

  async #save(id: string, version: string, relPath: string, bytes: Uint8Array, trigger: Trigger | undefined): Promise<void> {
    const entries = await this.#entries(id);
    const seq = (entries[0]?.seq ?? 0) + 1;
    const name = `${trigger ? `${trigger}~` : ''}${encodeURIComponent(relPath).replaceAll('~', '%7E')}`;
    const target = join(this.#folder(id), `${String(seq).padStart(6, '0')}.${version}.${name}`);
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
    return (await this.#entries(id)).map(({ version, relPath, savedAt, trigger, size }) => ({ version, relPath, savedAt, size, ...(trigger ? { trigger } : {}) }));
  }

  /** The bytes of a backed-up version. */
  async read(id: string, entry: BackupEntry): Promise<Buffer> {
    const found = (await this.#entries(id)).find((e) => e.version === entry.version && e.relPath === entry.relPath);
    if (!found) throw new Error(`version ${entry.version} of ${this.kind} ${id} is no longer backed up`);
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
        if (!match || TEMP.test(name)) return [];
        const file = join(folder, name);
        const trigger = TRIGGERS.find((known) => known === match[3]);
        const relPath = decodedPath(match[4]!);
        if (relPath === undefined) return [];
        return [stat(file).then((info) => ({ seq: Number(match[1]), version: match[2]!, relPath, trigger, file, savedAt: info.mtimeMs, size: info.size }))];
      }),
    );
    return entries.sort((a, b) => b.seq - a.seq);
  }
}

/** A stored file name back to the path it encodes; undefined for a name no save wrote. */
function decodedPath(name: string): string | undefined {
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}
