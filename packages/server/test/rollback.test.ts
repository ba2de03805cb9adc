import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactVersions, ReloadHistory, ReloadResult, validate } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { auditLines, configHub } from './support/config.js';
import { startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const version = (n: number) => `level: ${n}\n`;

/** A hub whose config `app` went through versions 1, 2 and 3 (3 serving). */
async function threeVersions(options = {}) {
  const setup = await configHub({ 'config/app.yaml': version(1) }, options);
  for (const n of [2, 3]) {
    await write(setup.root, 'config/app.yaml', version(n));
    await eventually(() => expect(setup.client.reloaded).toHaveLength(n - 1));
  }
  return setup;
}

async function postRollback(url: string, body: unknown) {
  const response = await fetch(`${url}/rollback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('POST /rollback', () => {
  it('makes the previous version serve, sends reloaded (trigger api), records it, and writes it to the file', async () => {
    const { root, hub, client } = await threeVersions();
    const seqBefore = hub.seq;
    const { status, body } = await postRollback(hub.url!, { kind: 'config', id: 'app' });
    expect(status).toBe(200);
    const result = validate(ReloadResult, body);
    expect(result.ok && result.value.events).toEqual([{ name: 'reloaded', payload: expect.objectContaining({ trigger: 'api', keys: ['level'] }) }]);
    expect(hub.config.get('app', 'level')).toBe(2);
    await eventually(() => expect(client.reloaded.at(-1)).toMatchObject({ kind: 'config', id: 'app', trigger: 'api', seq: seqBefore + 1 }));
    expect(await readFile(join(root, 'config/app.yaml'), 'utf8')).toBe(version(2));

    const history = validate(ReloadHistory, await (await fetch(`${hub.url}/reload/history?trigger=api`)).json());
    expect(history.ok && history.value.events.map((e) => e.payload.seq)).toEqual([seqBefore + 1]);
    await hub.config.auditFlushed();
    expect((await auditLines(root)).at(-1)).toMatchObject({ trigger: 'api', result: 'applied', changes: [{ key: 'level', from: 3, to: 2 }] });

    // The restored file is what the next edit starts from; the write itself sent no event. The edit
    // is saved again while polling: chokidar drops a change within 50 ms of the restore's (chokidar#1455).
    await eventually(async () => {
      await write(root, 'config/app.yaml', version(4));
      expect(client.reloaded.map((e) => e.trigger)).toEqual(['file', 'file', 'api', 'file']);
    });
    expect(hub.config.get('app', 'level')).toBe(4);
    expect(client.failed).toEqual([]);
  });

  it('restores a named version, and a second rollback without one undoes the first', async () => {
    const { hub } = await threeVersions();
    const versions = await hub.config.versions('app');
    expect(versions.map((v) => v.relPath)).toEqual(['app.yaml', 'app.yaml']);
    const first = versions.at(-1)!.version;
    expect((await postRollback(hub.url!, { kind: 'config', id: 'app', version: first })).status).toBe(200);
    expect(hub.config.get('app', 'level')).toBe(1);
    expect((await postRollback(hub.url!, { kind: 'config', id: 'app' })).status).toBe(200);
    expect(hub.config.get('app', 'level')).toBe(3);
  });

  it('refuses what it cannot do, changing nothing', async () => {
    const { hub } = await threeVersions();
    const post = (body: unknown) => postRollback(hub.url!, body);
    expect(await post({ kind: 'config', id: 'nope' })).toMatchObject({ status: 404, body: { error: { code: 'unknown_config' } } });
    expect(await post({ kind: 'config', id: 'app', version: 'AAAAAAAAAAAA' })).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_version', details: { versions: [expect.any(String), expect.any(String)] } } },
    });
    expect(await post({ kind: 'config', id: 'app', version: hub.config.version('app') })).toMatchObject({
      status: 409,
      body: { error: { code: 'already_active' } },
    });
    expect(await post({ kind: 'style', id: 'main.css' })).toMatchObject({ status: 404, body: { error: { code: 'unknown_artifact' } } });
    expect(await post({ kind: 'config' })).toMatchObject({ status: 400, body: { error: { code: 'invalid_body', details: [{ path: 'id' }] } } });
    expect(await post({ kind: 'config', id: 'app', extra: 1 })).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
    expect(hub.config.get('app', 'level')).toBe(3);
  });

  it('answers 409 when there is no earlier version', async () => {
    const { hub } = await configHub({ 'config/app.yaml': version(1) });
    expect(await postRollback(hub.url!, { kind: 'config', id: 'app' })).toMatchObject({ status: 409, body: { error: { code: 'no_previous_version' } } });
  });

  it('keeps the serving version when the restored one fails a health check', async () => {
    const { root, hub, client } = await threeVersions();
    hub.healthChecks.add('level 3 or more', () => Number(hub.config.get('app', 'level')) >= 3);
    const { status, body } = await postRollback(hub.url!, { kind: 'config', id: 'app' });
    expect(status).toBe(409);
    expect(body).toMatchObject({ error: { code: 'rollback_failed', details: { name: 'reload_failed', payload: { trigger: 'api', rolledBack: true } } } });
    expect(hub.config.get('app', 'level')).toBe(3);
    expect(await readFile(join(root, 'config/app.yaml'), 'utf8')).toBe(version(3));
    await eventually(() => expect(client.failed).toHaveLength(1));
  });

  it('needs the token when the hub has one', async () => {
    const root = await tempRoot({ 'config/app.yaml': version(1) });
    const hub = await startHub({ root, token: 's3cret-token' });
    await write(root, 'config/app.yaml', version(2));
    await eventually(() => expect(hub.config.get('app', 'level')).toBe(2));
    expect((await postRollback(hub.url!, { kind: 'config', id: 'app' })).status).toBe(401);
    const response = await fetch(`${hub.url}/rollback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret-token' },
      body: JSON.stringify({ kind: 'config', id: 'app' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('GET /rollback/config/:id', () => {
  it('lists the serving version and the backed-up ones a rollback can restore, newest first', async () => {
    const { hub } = await threeVersions();
    const response = await fetch(`${hub.url}/rollback/config/app`);
    expect(response.status).toBe(200);
    const answer = validate(ArtifactVersions, await response.json());
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.serving).toBe(hub.config.version('app'));
    expect(answer.value.versions).toHaveLength(2);
    const [newer, older] = answer.value.versions;
    expect(newer!.savedAt).toBeGreaterThanOrEqual(older!.savedAt);
    const rolled = await postRollback(hub.url!, { kind: 'config', id: 'app', version: older!.version });
    expect(rolled.status).toBe(200);
    expect(hub.config.get('app')).toEqual({ level: 1 });
  });

  it('answers 404 for a config that is not loaded, including ids that look like paths', async () => {
    const { hub } = await threeVersions();
    for (const id of ['nope', 'app.yaml', '..%2f..%2fsecret', '.hothub']) {
      const response = await fetch(`${hub.url}/rollback/config/${id}`);
      expect(response.status, id).toBe(404);
    }
  });
});

describe('config backups', () => {
  it('survive a restart', async () => {
    const { root, hub } = await threeVersions();
    const before = await hub.config.versions('app');
    await hub.stop();
    const again = await startHub({ root });
    expect(await again.config.versions('app')).toEqual(before);
    expect(again.config.get('app', 'level')).toBe(3);
    expect((await postRollback(again.url!, { kind: 'config', id: 'app' })).status).toBe(200);
    expect(again.config.get('app', 'level')).toBe(2);
  });

  it('keep the configured number of versions, newest first', async () => {
    const { root, hub } = await configHub({ 'config/app.yaml': version(1) }, { configBackups: 3 });
    for (const n of [2, 3, 4, 5, 6]) {
      await write(root, 'config/app.yaml', version(n));
      await eventually(() => expect(hub.config.get('app', 'level')).toBe(n));
    }
    const versions = await hub.config.versions('app');
    expect(versions).toHaveLength(3);
    expect(versions[0]!.savedAt).toBeGreaterThanOrEqual(versions[2]!.savedAt);
    await hub.config.rollback('app', versions[2]!.version);
    expect(hub.config.get('app', 'level')).toBe(3);
  });
});
