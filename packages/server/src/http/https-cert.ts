import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** `--https`: the certificate and key files, or none to use (and create once) a self-signed one for localhost. */
export interface HttpsFiles {
  cert?: string;
  key?: string;
}

export interface TlsCredentials {
  cert: Buffer;
  key: Buffer;
}

const run = promisify(execFile);

/**
 * A self-signed certificate for localhost, 127.0.0.1 and ::1, kept in `<root>/.hothub/https/` so the
 * browser's exception survives restarts. Node cannot sign an X.509 certificate by itself: openssl does
 * (present on Linux and macOS), rather than a dependency such as `selfsigned` for one dev-only file.
 */
async function selfSigned(root: string): Promise<{ cert: string; key: string }> {
  const dir = join(root, '.hothub', 'https');
  const files = { cert: join(dir, 'localhost-cert.pem'), key: join(dir, 'localhost-key.pem') };
  if (existsSync(files.cert) && existsSync(files.key)) return files;
  await mkdir(dir, { recursive: true });
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '825', '-subj', '/CN=localhost'];
  args.push('-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1', '-keyout', files.key, '-out', files.cert);
  try {
    await run('openssl', args);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? '--https without --cert/--key needs openssl to create a self-signed certificate: install openssl, or pass --cert FILE --key FILE (mkcert makes locally trusted ones)'
        : `openssl could not create a self-signed certificate in ${dir}: ${String(error)}; pass --cert FILE --key FILE instead`,
    );
  }
  return files;
}

/** The certificate and key to serve https with: the given files, or the root's self-signed pair. */
export async function tlsCredentials(files: HttpsFiles, root: string): Promise<TlsCredentials> {
  if ((files.cert === undefined) !== (files.key === undefined)) throw new Error('--cert and --key go together: pass both, or neither for a self-signed localhost certificate');
  const paths = files.cert !== undefined && files.key !== undefined ? { cert: files.cert, key: files.key } : await selfSigned(root);
  const read = (what: 'cert' | 'key') =>
    readFile(paths[what]).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read the --${what} file ${paths[what]}: ${error.code ?? error.message}`);
    });
  const [cert, key] = await Promise.all([read('cert'), read('key')]);
  return { cert, key };
}
