import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PointInTimeResult } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { expectError, json, post, snapshot } from './support/api.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const FIRST = { 'styles/main.css': 'body { color: red; }\n', 'themes/dark.json': '{ "color": { "accent": "#111111" } }\n', 'config/app.yaml': 'level: 1\n' };
const SECOND = { 'styles/main.css': 'body { color: blue; }\n', 'themes/dark.json': '{ "color": { "accent": "#222222" } }\n', 'config/app.yaml': 'level: 2\n' };

/** A hub whose style, theme and config all changed after event `seq` (a bad checkout), and a new sheet appeared. */
async function afterBadCheckout() {
  const root = await tempRoot(FIRST);
  const hub = await startHub({ root });
  const client = await connectClient(hub.url!);
  const seq = hub.seq;
  const before = snapshot(hub).versions;
  for (const [file, content] of Object.entries(SECOND)) await write(root, file, content);
  await write(root, 'styles/new.css', 'p { margin: 0; }\n');
  await eventually(() => expect(client.reloaded).toHaveLength(4));
  return { root, hub, client, seq, before };
}

describe('POST /rollback { seq }', () => {
  it('restores a style, a theme and a config to their versions right after event seq, reporting each, and writes their files', async () => {
    const { root, hub, client, seq, before } = await afterBadCheckout();
    const response = await post(`${hub.url}/rollback`, { seq });
    expect(response.status).toBe(200);
    const result = await json(response, PointInTimeResult);
    expect(result.seq).toBe(seq);
    const byArtifact = Object.fromEntries(result.changed.map((c) => [`${c.kind}/${c.id}`, c.result]));
    expect(byArtifact).toEqual({ 'style/main.css': 'restored', [`theme/${hub.artifacts('theme')[0]!.id}`]: 'restored', 'config/app': 'restored', 'style/new.css': 'left' });
    const restored = result.changed.filter((c) => c.result === 'restored');
    expect(restored.every((c) => c.event?.name === 'reloaded' && c.event.payload.trigger === 'api' && c.event.payload.version === c.to)).toBe(true);
    // What serves is what served after `seq`, plus the sheet that did not exist then.
    expect(snapshot(hub).versions.filter((v) => !v.startsWith('style/new.css@'))).toEqual(before);
    expect(hub.config.get('app', 'level')).toBe(1);
    for (const [file, content] of Object.entries(FIRST)) expect(await readFile(join(root, file), 'utf8')).toBe(content);
    await eventually(() => expect(client.reloaded.filter((e) => e.trigger === 'api')).toHaveLength(3));
  });

  it('refuses a seq not sent yet, a negative one and a body mixing both forms, changing nothing', async () => {
    const { hub, seq } = await afterBadCheckout();
    const unchanged = snapshot(hub);
    await expectError(await post(`${hub.url}/rollback`, { seq: hub.seq + 1 }), 404, 'unknown_seq');
    await expectError(await post(`${hub.url}/rollback`, { seq: -1 }), 400, 'invalid_body');
    await expectError(await post(`${hub.url}/rollback`, { seq, kind: 'style', id: 'main.css' }), 400, 'invalid_body');
    await expectError(await post(`${hub.url}/rollback`, { seq: 'x' }), 400, 'invalid_body');
    expect(snapshot(hub)).toEqual(unchanged);
    // The hub still answers, and a good point in time still works after the bad ones.
    expect((await post(`${hub.url}/rollback`, { seq })).status).toBe(200);
  });

  it('a point in time already current changes nothing', async () => {
    const { hub } = await afterBadCheckout();
    const unchanged = snapshot(hub);
    const result = await json(await post(`${hub.url}/rollback`, { seq: hub.seq }), PointInTimeResult);
    expect(result.changed).toEqual([]);
    expect(snapshot(hub)).toEqual(unchanged);
  });
});
