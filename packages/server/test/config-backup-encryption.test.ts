import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettingsEnv } from '../src/options/settings-env.js';
import { createLogger } from '../src/util/log.js';
import { configHub } from './support/config.js';
import { startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const KEY = 'c2VjcmV0cy1rZXktZm9yLXRoZS10ZXN0cy0xMjM0NTY=';
const SECRET = 'hunter2-do-not-leak';
const version = (n: number) => `db:\n  password: ${SECRET}-${n}\nlevel: ${n}\n`;

/** A hub (options) whose config `app`, holding a password, went through versions 1 and 2 (2 serving). */
async function twoVersions(options: { secretsKey?: string } = {}) {
  const setup = await configHub({ 'config/app.yaml': version(1) }, options);
  await write(setup.root, 'config/app.yaml', version(2));
  await eventually(() => expect(setup.client.reloaded).toHaveLength(1));
  return setup;
}

async function backupFiles(root: string): Promise<Buffer[]> {
  const folder = join(root, '.hothub', 'backups', 'config', 'app');
  return Promise.all((await readdir(folder)).map((name) => readFile(join(folder, name))));
}

async function postRollback(url: string) {
  const response = await fetch(`${url}/rollback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'config', id: 'app' }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A second hub over the same root (the first one stopped), as after a restart. */
async function restart(root: string, stop: () => Promise<void>, secretsKey?: string) {
  await stop();
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const hub = await startHub({ root, logger, ...(secretsKey === undefined ? {} : { secretsKey }) });
  return { hub, logs };
}

describe('encrypted config backups (--secrets-key)', () => {
  it('keeps backups of a config holding a secret key encrypted on disk, and a rollback restores them', async () => {
    const { root, hub, logs } = await twoVersions({ secretsKey: KEY });
    const files = await backupFiles(root);
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const bytes of files) {
      expect(bytes.includes(SECRET)).toBe(false);
      expect(bytes.includes('level')).toBe(false);
    }
    expect(logs.join('\n')).not.toContain('plaintext');

    expect((await postRollback(hub.url!)).status).toBe(200);
    expect(hub.config.get('app', 'db.password')).toBe(`${SECRET}-1`);
    expect(await readFile(join(root, 'config/app.yaml'), 'utf8')).toBe(version(1));
  });

  it('survives a restart with the same key', async () => {
    const first = await twoVersions({ secretsKey: KEY });
    const { hub } = await restart(first.root, () => first.hub.stop(), KEY);
    await hub.config.rollback('app');
    expect(hub.config.get('app', 'level')).toBe(1);
  });

  it('cannot be restored by a hub without the key or with another one, which says why and keeps serving', async () => {
    const first = await twoVersions({ secretsKey: KEY });
    let stop = () => first.hub.stop();
    for (const secretsKey of [undefined, 'another-key-of-sixteen-chars']) {
      const { hub } = await restart(first.root, stop, secretsKey);
      stop = () => hub.stop();
      const { status, body } = await postRollback(hub.url!);
      expect(status).toBe(409);
      expect(body).toMatchObject({ error: { code: 'backup_locked', message: expect.stringContaining('--secrets-key') } });
      await expect(hub.config.rollback('app')).rejects.toThrow(/HOTHUB_SECRETS_KEY/);
      // The hub still answers and the last good version still serves, on disk too.
      expect(hub.config.get('app', 'level')).toBe(2);
      expect((await fetch(`${hub.url}/health`)).status).toBe(200);
      expect(await readFile(join(first.root, 'config/app.yaml'), 'utf8')).toBe(version(2));
    }
  });

  it('without a key says once that such backups are plaintext, and leaves configs without secrets alone', async () => {
    const { root, client, logs } = await configHub({ 'config/app.yaml': version(1), 'config/ui.yaml': 'color: red\n' });
    await write(root, 'config/app.yaml', version(2));
    await write(root, 'config/ui.yaml', 'color: blue\n');
    await eventually(() => expect(client.reloaded).toHaveLength(2));
    await write(root, 'config/app.yaml', version(3));
    await eventually(() => expect(client.reloaded).toHaveLength(3));
    const warnings = logs.filter((line) => line.includes('plaintext'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('HOTHUB_SECRETS_KEY');
    expect(warnings[0]).not.toContain(SECRET);
    expect((await backupFiles(root)).some((bytes) => bytes.includes(SECRET))).toBe(true);
  });

  it('refuses a key shorter than 16 characters, saying how to make one', async () => {
    expect(() => readSettingsEnv({ HOTHUB_SECRETS_KEY: 'short' })).toThrow(/secretsKey: must be at least 16 characters.*openssl rand -base64 32/);
    expect(readSettingsEnv({ HOTHUB_SECRETS_KEY: KEY })).toEqual({ secretsKey: KEY });
  });
});
