import { VersionContent } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/util/log.js';
import { expectError, json, snapshot } from './support/api.js';
import { configHub } from './support/config.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const KEY = 'c2VjcmV0cy1rZXktZm9yLXRoZS10ZXN0cy0xMjM0NTY=';
const SECRET = 'hunter2-do-not-leak';
const TOKEN = 'content-token-1234';
const auth = { authorization: `Bearer ${TOKEN}` };

/** A hub (token) whose sheet `sub/main.css` went from v1 to v2 by a save; both versions kept. */
async function savedSheet(v1: string, v2: string) {
  const root = await tempRoot({ 'styles/sub/main.css': v1 });
  const hub = await startHub({ root, token: TOKEN });
  const client = await connectClient(hub.url!, { token: TOKEN });
  const first = hub.artifacts('style')[0]!.source.version;
  await write(root, 'styles/sub/main.css', v2);
  await eventually(() => expect(client.reloaded).toHaveLength(1));
  return { root, hub, client, v1: first, v2: client.reloaded[0]!.version };
}

const contentOf = (url: string, path: string, headers: Record<string, string> = auth) => fetch(`${url}/rollback/${path}`, { headers });

describe('GET /rollback/<kind>/<id>/<version>', () => {
  it('answers a kept version and the serving one as text, behind the token', async () => {
    const { hub, v1, v2 } = await savedSheet('body { color: red; }\n', 'body { color: blue; }\n');
    const kept = await eventually(async () => json(await contentOf(hub.url!, `style/sub/main.css/${v1}`), VersionContent));
    expect(kept).toEqual({ kind: 'style', id: 'sub/main.css', version: v1, serving: false, size: 21, text: 'body { color: red; }\n' });
    const serving = await json(await contentOf(hub.url!, `style/sub/main.css/${v2}`), VersionContent);
    expect(serving).toMatchObject({ version: v2, serving: true, text: 'body { color: blue; }\n' });
    await expectError(await contentOf(hub.url!, `style/sub/main.css/${v1}`, {}), 401, 'unauthorized');
    await expectError(await contentOf(hub.url!, `style/sub/main.css/${v1}`, { authorization: 'Bearer wrong' }), 403, 'forbidden');
  });

  it('refuses unknown versions, unknown artifacts and path-like segments, and the hub still serves', async () => {
    const { hub, v1 } = await savedSheet('a { color: red; }\n', 'a { color: blue; }\n');
    const before = snapshot(hub);
    await expectError(await contentOf(hub.url!, 'style/sub/main.css/AAAAAAAAAAAA'), 404, 'unknown_version');
    await expectError(await contentOf(hub.url!, `style/missing.css/${v1}`), 404, 'unknown_artifact');
    for (const path of [`style/sub/main.css/..%2F..%2Fetc`, 'style/sub/main.css/%2e%2e', `style/sub/main.css/${'a'.repeat(65)}`, 'style/sub/main.css/a.b']) {
      // path-safety.ts refuses dot segments before the router (not_found); the router anything else.
      expect((await contentOf(hub.url!, path)).status, path).toBe(404);
    }
    await expectError(await contentOf(hub.url!, `nokind/sub/main.css/${v1}`), 400, 'invalid_query');
    expect(snapshot(hub)).toEqual(before);
    expect((await fetch(`${hub.url}/assets/style/sub/main.css`)).status).toBe(200);
  });

  it('says a version over the size cap is too large instead of sending it', async () => {
    const big = `/* ${'x'.repeat(300 * 1024)} */\na { color: red; }\n`;
    const { hub, v1 } = await savedSheet(big, 'a { color: blue; }\n');
    const kept = await eventually(async () => json(await contentOf(hub.url!, `style/sub/main.css/${v1}`), VersionContent));
    expect(kept).toMatchObject({ version: v1, size: Buffer.byteLength(big), omitted: 'too_large' });
    expect(kept.text).toBeUndefined();
  });

  it("redacts a config's secret-looking values, in the kept version and the serving one", async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': `db:\n  password: ${SECRET}-1\n  host: one\nlevel: 1\n` });
    await write(root, 'config/app.yaml', `db:\n  password: ${SECRET}-2\n  host: two\nlevel: 2\n`);
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    const [kept] = await hub.config.versions('app');
    const old = await json(await fetch(`${hub.url}/rollback/config/app/${kept!.version}`), VersionContent);
    expect(old).toMatchObject({ serving: false, redacted: true, text: "db:\n  password: '[redacted]'\n  host: one\nlevel: 1\n" });
    const now = await json(await fetch(`${hub.url}/rollback/config/app/${hub.config.version('app')}`), VersionContent);
    expect(now).toMatchObject({ serving: true, redacted: true, text: "db:\n  password: '[redacted]'\n  host: two\nlevel: 2\n" });
    expect(JSON.stringify([old, now])).not.toContain(SECRET);
  });

  it('answers 409 backup_locked for an encrypted config backup on a hub without the key, which keeps serving', async () => {
    const first = await configHub({ 'config/app.json': `{ "password": "${SECRET}", "level": 1 }` }, { secretsKey: KEY });
    await write(first.root, 'config/app.json', `{ "password": "${SECRET}", "level": 2 }`);
    await eventually(() => expect(first.client.reloaded).toHaveLength(1));
    const [kept] = await first.hub.config.versions('app');
    await first.hub.stop();
    const hub = await startHub({ root: first.root, logger: createLogger({ level: 'error', write: () => {} }) });
    const body = await expectError(await fetch(`${hub.url}/rollback/config/app/${kept!.version}`), 409, 'backup_locked');
    expect(body.error.message).toContain('--secrets-key');
    const serving = await json(await fetch(`${hub.url}/rollback/config/app/${hub.config.version('app')}`), VersionContent);
    expect(serving).toMatchObject({ serving: true, text: '{\n  "password": "[redacted]",\n  "level": 2\n}\n' });
    expect(hub.config.get('app', 'level')).toBe(2);
  });
});
