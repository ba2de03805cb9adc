import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/util/log.js';
import { post, snapshot } from './support/api.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

/** Whether any object in this process picked up a key through its prototype. */
function polluted(): string[] {
  const probe: Record<string, unknown> = {};
  return ['polluted', 'polluted2', 'isAdmin'].filter((key) => probe[key] !== undefined || key in Object.prototype);
}

const POLLUTING_JSON = '{ "__proto__": { "polluted": "yes" }, "constructor": { "prototype": { "polluted2": "yes" } }, "name": "a" }';

describe('security sweep: prototype-pollution keys', () => {
  it('keeps __proto__ / constructor.prototype keys in configs, themes and request bodies as plain data', async () => {
    const root = await tempRoot({ 'config/app.json': '{ "name": "start" }', 'config/other.yaml': 'name: start\n', 'themes/dark.json': '{ "color": { "bg": "#000" } }' });
    const hub = await startHub({ root, token: 'sweep-token' });
    const client = await connectClient(hub.url!, { token: 'sweep-token' });
    const changes: unknown[] = [];
    hub.config.subscribe('*', (change) => void changes.push(change));

    await write(root, 'config/app.json', POLLUTING_JSON);
    await write(root, 'config/other.yaml', '__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    isAdmin: true\nname: b\n');
    await write(root, 'themes/dark.json', '{ "__proto__": { "polluted": "red" }, "color": { "bg": "#111" } }');
    await eventually(() => expect(client.reloaded.map((e) => e.id).sort()).toEqual(['app', 'dark', 'other']));
    expect(client.failed).toEqual([]);
    expect(polluted()).toEqual([]);
    expect(hub.config.get('app')).toMatchObject({ name: 'a' });
    expect(hub.config.get('other')).toMatchObject({ name: 'b' });

    const before = snapshot(hub);
    for (const body of [POLLUTING_JSON, '{ "target": "all", "__proto__": { "polluted": 1 } }', '{ "constructor": { "prototype": { "isAdmin": true } } }']) {
      await post(`${hub.url}/reload`, body, { authorization: 'Bearer sweep-token' });
      await post(`${hub.url}/rollback`, body, { authorization: 'Bearer sweep-token' });
    }
    expect(polluted()).toEqual([]);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    // The reloads of `all` re-applied the same versions: nothing serving changed.
    expect(snapshot(hub).versions).toEqual(before.versions);
  });
});

describe('security sweep: .hothub/ is never served', () => {
  it.each([
    ['the conventional layout', {}],
    ['a theme folder that is the root itself (config backups are .json files, as themes are)', { theme: '.' }],
  ])('answers 404 for every path into .hothub/ and loads nothing from it (%s)', async (_name, dirs) => {
    // Backups as an earlier run leaves them, and the history a running hub keeps.
    const backup = '000001.abc123.app.json';
    const root = await tempRoot({ 'styles/main.css': 'a { color: red }', [`.hothub/backups/config/app/${backup}`]: '{ "a": 1 }' });
    const hub = await startHub({ root, dirs });
    await write(root, 'styles/main.css', 'a { color: blue }');
    await eventually(async () => expect(await readFile(join(root, '.hothub/history.jsonl'), 'utf8')).toContain('"seq"'));
    expect(hub.artifacts('theme')).toEqual([]);
    for (const path of ['/.hothub/history.jsonl', '/assets/style/.hothub/history.jsonl', '/assets/style/..%2f.hothub%2fhistory.jsonl',
      '/assets/style/%2e%68othub/history.jsonl', '/hothub/../.hothub/history.jsonl', '/assets/theme/.hothub/history.jsonl',
      `/assets/theme/.hothub/backups/config/app/${backup}`, `/assets/theme/.hothub/backups/config/app/${backup.replace(/\.json$/, '.css')}`]) {
      const answer = await fetch(`${hub.url}${path}`);
      expect(answer.status, path).toBe(404);
      expect(await answer.text(), path).not.toMatch(/"seq"|--a/);
    }
  });
});

describe('security sweep: secrets never leave the hub', () => {
  it('never shows the token, the webhook secret or a secret config value in answers, events, logs or files', async () => {
    const secrets = ['TOKEN-S3CRET-1', 'HOOK-S3CRET-2', 'VALUE-S3CRET-3'];
    const root = await tempRoot({ 'config/db.json': `{ "host": "db", "password": "${secrets[2]}" }`, 'styles/main.css': 'a { color: red }' });
    const lines: string[] = [];
    const hub = await startHub({
      root,
      token: secrets[0],
      webhookSecret: secrets[1],
      logLevel: 'debug',
      logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
    });
    const auth = { authorization: `Bearer ${secrets[0]}` };
    const client = await connectClient(hub.url!, { token: secrets[0]! });
    await write(root, 'config/db.json', `{ "host": "db2", "password": "${secrets[2]}x" }`);
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    await write(root, 'config/db.json', `{ "host": "db3", "password": "${secrets[2]}`);
    await eventually(() => expect(client.failed).toHaveLength(1));

    const seen: string[] = [JSON.stringify(client.reloaded), JSON.stringify(client.failed), JSON.stringify(client.connected), ...lines];
    for (const path of ['/status', '/health', '/metrics', '/reload/history', '/reload/statistics', '/openapi.json', '/wizards', '/plugins', '/rollback/config/db', '/nope']) {
      seen.push(await (await fetch(`${hub.url}${path}`, { headers: auth })).text());
      seen.push(await (await fetch(`${hub.url}${path}`)).text());
    }
    for (const headers of [{ authorization: 'Bearer wrong' }, auth]) seen.push(await (await post(`${hub.url}/reload`, { target: 'nope' }, headers)).text());
    seen.push(await (await post(`${hub.url}/webhook`, { target: 'all' })).text());
    for (const file of ['audit.log', 'history.jsonl']) seen.push(await readFile(join(root, '.hothub', file), 'utf8').catch(() => ''));

    for (const secret of secrets) for (const text of seen) expect(text).not.toContain(secret);
  });
});
