import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (secret: string, salt: Buffer, length: number) => Promise<Buffer>;

/** The first bytes of a sealed backup: a plaintext config never starts with them. */
const MAGIC = Buffer.from('hothub-sealed:1\n');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + IV_BYTES + TAG_BYTES;

/** A backup that cannot be opened: sealed and no key given, the wrong key, or cut off. */
export class BackupLocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupLocked';
  }
}

/** True for bytes `BackupCipher.seal` wrote. */
export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.equals(bytes.subarray(0, MAGIC.length));
}

/**
 * AES-256-GCM at rest for backups (`--secrets-key`). The key is the secret stretched with scrypt and a
 * random salt per file, so a passphrase and a random key (`openssl rand -base64 32`) are used alike and no
 * two files share a key. Layout: magic, salt, IV, GCM tag, ciphertext; the magic is the additional data.
 * @example
 * const cipher = new BackupCipher(process.env.HOTHUB_SECRETS_KEY!);
 * const plain = await cipher.open(await cipher.seal(bytes), 'config db');
 */
export class BackupCipher {
  constructor(private readonly secret: string) {}

  async seal(bytes: Uint8Array): Promise<Buffer> {
    const salt = randomBytes(SALT_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', await this.#key(salt), iv).setAAD(MAGIC);
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([MAGIC, salt, iv, cipher.getAuthTag(), body]);
  }

  /** The plaintext of sealed bytes; throws `BackupLocked` when the key is not the one they were sealed with. */
  async open(bytes: Buffer, what: string): Promise<Buffer> {
    if (bytes.length < HEADER_BYTES) throw new BackupLocked(`the encrypted backup of ${what} is cut off: it cannot be restored`);
    let at = MAGIC.length;
    const take = (length: number) => bytes.subarray(at, (at += length));
    const salt = take(SALT_BYTES);
    const iv = take(IV_BYTES);
    const tag = take(TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', await this.#key(salt), iv).setAAD(MAGIC).setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(bytes.subarray(at)), decipher.final()]);
    } catch {
      throw new BackupLocked(
        `the backup of ${what} was encrypted with another --secrets-key (HOTHUB_SECRETS_KEY), or it was altered: start the hub with the key it was saved with to restore it`,
      );
    }
  }

  #key(salt: Buffer): Promise<Buffer> {
    return scryptAsync(this.secret, salt, 32);
  }
}
