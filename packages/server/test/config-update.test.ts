import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReloadResult } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { expectError, json } from './support/api.js';
import { configHub } from './support/config.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const TOKEN = 'patch-token';

/** A hub that asks for a token (its sockets too, so no socket client here). */
async function tokenHub(files: Record<string, string>) {
  const root = await tempRoot(files);
  return { root, hub: await startHub({ root, token: TOKEN }) };
}

function patch(url: string, id: string, body: unknown, token: string | null = TOKEN) {
  return fetch(`${url}/config/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('PATCH /config/:id and hub.config.update()', () => {
  it('merges a JSON merge patch, serves it, backs the old version up and writes the JSON file', async () => {
    const { root, hub } = await tokenHub({ 'config/app.json': '{ "db": { "host": "a", "port": 1 }, "legacy": true }' });
    const res = await patch(hub.url!, 'app', { db: { port: null, pool: 5 }, legacy: null, name: 'x' });
    expect(res.status).toBe(200);
    const result = await json(res, ReloadResult);
    expect(result.events[0]).toMatchObject({ name: 'reloaded', payload: { kind: 'config', id: 'app', trigger: 'api' } });
    expect(hub.config.get('app')).toEqual({ db: { host: 'a', pool: 5 }, name: 'x' });
    expect(JSON.parse(await readFile(join(root, 'config/app.json'), 'utf8'))).toEqual({ db: { host: 'a', pool: 5 }, name: 'x' });
    expect(await hub.config.versions('app')).toHaveLength(1);
  });

  it('keeps a YAML file YAML (its comments are lost)', async () => {
    const { root, hub } = await configHub({ 'config/app.yaml': '# size of the pool\npool: 1\n' });
    const event = await hub.config.update('app', { pool: 2 });
    expect(event.name).toBe('reloaded');
    expect(await readFile(join(root, 'config/app.yaml'), 'utf8')).toBe('pool: 2\n');
  });

  it('refuses a patch its validator rejects with 422: the serving version and the file stay', async () => {
    const { root, hub } = await tokenHub({ 'config/app.json': '{ "port": 80 }' });
    const { z } = await import('zod');
    hub.config.registerValidator('app', z.object({ port: z.number().int() }));
    const res = await patch(hub.url!, 'app', { port: 'eighty' });
    const error = await expectError(res, 422, 'config_refused');
    expect(error.error.message).toMatch(/the merged config was refused, the serving one stays/);
    expect(hub.config.get('app')).toEqual({ port: 80 });
    expect(await readFile(join(root, 'config/app.json'), 'utf8')).toBe('{ "port": 80 }');
    expect((await patch(hub.url!, 'app', { port: 81 })).status).toBe(200);
  });

  it('answers 401 without the token, 404 for a config that does not serve, 400 for a body that is not an object', async () => {
    const { hub } = await tokenHub({ 'config/app.json': '{ "port": 80 }' });
    await expectError(await patch(hub.url!, 'app', { port: 1 }, null), 401, 'unauthorized');
    await expectError(await patch(hub.url!, 'nope', { port: 1 }), 404, 'unknown_config');
    await expectError(await patch(hub.url!, 'app', [1, 2]), 400, 'invalid_body');
    await expectError(await patch(hub.url!, 'app', '{ "port": '), 400, 'malformed_json');
    expect(hub.config.get('app')).toEqual({ port: 80 });
  });
});
