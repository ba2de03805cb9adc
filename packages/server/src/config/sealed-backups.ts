import type { Logger } from '../util/log.js';
import { BackupCipher, BackupLocked, isSealed } from './backup-cipher.js';
import type { BackupEntry, ConfigBackups } from './config-backups.js';
import { parseConfig } from './parse-config.js';
import type { Redactor } from './redact.js';

/**
 * The config backups, with the versions that hold secret keys (`redactKeys`) encrypted at rest when a
 * `--secrets-key` is given (`config/backup-cipher.ts`); the store's API, so callers do not change.
 * Without a key such backups stay plaintext, and the hub says so once.
 */
export class SealedBackups {
  readonly #cipher: BackupCipher | undefined;
  #warned = false;

  constructor(
    private readonly store: ConfigBackups,
    private readonly redactor: Redactor,
    secretsKey: string | undefined,
    private readonly logger: Logger,
  ) {
    this.#cipher = secretsKey === undefined ? undefined : new BackupCipher(secretsKey);
  }

  /** `data`: the version's parsed content when the caller has it (the config kind does), so it is not parsed again. */
  async save(id: string, version: string, relPath: string, bytes: Uint8Array, data?: unknown): Promise<void> {
    const secret = this.#secretKey(relPath, bytes, data);
    if (secret !== undefined && this.#cipher) return this.store.save(id, version, relPath, await this.#cipher.seal(bytes));
    if (secret !== undefined && !this.#warned) {
      this.#warned = true;
      this.logger.warn(
        `config ${id} holds a secret key (${secret}) and its backups in .hothub/backups/ are plaintext: set HOTHUB_SECRETS_KEY (or --secrets-key) to encrypt backups of such configs`,
      );
    }
    return this.store.save(id, version, relPath, bytes);
  }

  list(id: string): Promise<BackupEntry[]> {
    return this.store.list(id);
  }

  /** The plaintext of a backed-up version; throws `BackupLocked` when it is encrypted and the key is missing or wrong. */
  async read(id: string, entry: BackupEntry): Promise<Buffer> {
    const bytes = await this.store.read(id, entry);
    if (!isSealed(bytes)) return bytes;
    const what = `version ${entry.version} of config "${id}"`;
    if (!this.#cipher) {
      throw new BackupLocked(`${what} is encrypted and this hub has no --secrets-key (HOTHUB_SECRETS_KEY): start it with the key the backup was saved with`);
    }
    return this.#cipher.open(bytes, what);
  }

  /** The first key of the config that looks secret: one whose value, or a field inside it, is redacted. */
  #secretKey(relPath: string, bytes: Uint8Array, parsed: unknown): string | undefined {
    let data = parsed;
    if (data === undefined) {
      try {
        data = parseConfig(bytes, relPath.endsWith('.json') ? 'json' : 'yaml', relPath);
      } catch {
        return relPath; // it loaded before its backup; should it not parse now, keep it as if secret
      }
    }
    return this.redactor.firstSecretKey(data);
  }
}
