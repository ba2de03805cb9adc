import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactVersions, type KindName, ReloadResult } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import type { HubOptions } from '../src/index.js';
import { expectError, json, post, snapshot } from './support/api.js';
import { connectClient, startHub } from './support/hub.js';
import { pluginSource, wizardSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

/** Two versions of one artifact of each kind: the file, what it holds first, what a save makes of it. */
const KINDS: Array<{ kind: KindName; file: string; v1: string; v2: string }> = [
  { kind: 'style', file: 'styles/sub/main.css', v1: 'body { color: red; }\n', v2: 'body { color: blue; }\n' },
  { kind: 'theme', file: 'themes/dark.json', v1: '{ "color": { "accent": "#111111" } }\n', v2: '{ "color": { "accent": "#222222" } }\n' },
  { kind: 'component', file: 'components/counter.js', v1: 'export default { mount(el) { el.textContent = "1"; } };\n', v2: 'export default { mount(el) { el.textContent = "2"; } };\n' },
  { kind: 'wizard', file: 'wizards/debug_wizard.js', v1: wizardSource('v1'), v2: wizardSource('v2') },
  { kind: 'plugin', file: 'plugins/search.js', v1: pluginSource('v1'), v2: pluginSource('v2') },
  { kind: 'config', file: 'config/app.yaml', v1: 'level: 1\n', v2: 'level: 2\n' },
];

/** A hub whose one artifact went from `v1` to `v2` by a save; returns its id as the hub named it. */
async function savedTwice(entry: (typeof KINDS)[number], options: HubOptions = {}) {
  const root = await tempRoot({ [entry.file]: entry.v1 });
  const hub = await startHub({ root, ...options });
  const client = await connectClient(hub.url!);
  const first = hub.artifacts(entry.kind)[0]!;
  await write(root, entry.file, entry.v2);
  await eventually(() => expect(client.reloaded.filter((e) => e.kind === entry.kind)).toHaveLength(1));
  return { root, hub, client, id: first.id, v1: first.source.version, v2: client.reloaded[0]!.version };
}

const versionsOf = async (url: string, kind: string, id: string) => json(await fetch(`${url}/rollback/${kind}/${id}`), ArtifactVersions);

describe('versions and rollback of every kind', () => {
  for (const entry of KINDS) {
    it(`${entry.kind}: lists its kept versions and rolls back to the previous one through the pipeline, writing the file`, async () => {
      const { root, hub, client, id, v1, v2 } = await savedTwice(entry);
      const listed = await eventually(async () => {
        const answer = await versionsOf(hub.url!, entry.kind, id);
        expect(answer.versions.map((v) => v.version)).toContain(v1);
        return answer;
      });
      expect(listed).toMatchObject({ kind: entry.kind, id, serving: v2 });
      const kept = listed.versions.find((v) => v.version === v1)!;
      expect(kept.size).toBeGreaterThan(0);
      expect(kept.savedAt).toBeLessThanOrEqual(Date.now());
      // Configs keep the version a save replaced, without its trigger; every other kind what each run served.
      if (entry.kind !== 'config') expect(listed.versions.map((v) => [v.version, v.trigger])).toEqual([[v2, 'file'], [v1, 'startup']]);

      const response = await post(`${hub.url}/rollback`, { kind: entry.kind, id });
      expect(response.status).toBe(200);
      const result = await json(response, ReloadResult);
      expect(result.events).toEqual([{ name: 'reloaded', payload: expect.objectContaining({ kind: entry.kind, id, version: v1, trigger: 'api' }) }]);
      expect(hub.artifacts(entry.kind).find((a) => a.id === id)?.source.version).toBe(v1);
      expect(await readFile(join(root, entry.file), 'utf8')).toBe(entry.v1);
      await eventually(() => expect(client.reloaded.at(-1)).toMatchObject({ kind: entry.kind, id, version: v1, trigger: 'api' }));
    });
  }

  it('rolls back to a named version, and refuses an unknown version or artifact with 404 while the serving one stays', async () => {
    const { hub, id, v1, v2 } = await savedTwice(KINDS[0]!);
    const before = snapshot(hub);
    await expectError(await post(`${hub.url}/rollback`, { kind: 'style', id, version: 'nope' }), 404, 'unknown_version');
    await expectError(await post(`${hub.url}/rollback`, { kind: 'style', id: 'missing.css' }), 404, 'unknown_artifact');
    await expectError(await post(`${hub.url}/rollback`, { kind: 'style', id, version: v2 }), 409, 'already_active');
    await expectError(await fetch(`${hub.url}/rollback/style/missing.css`), 404, 'unknown_artifact');
    await expectError(await fetch(`${hub.url}/rollback/nokind/x`), 400, 'invalid_query');
    expect(snapshot(hub)).toEqual(before);
    const response = await post(`${hub.url}/rollback`, { kind: 'style', id, version: v1 });
    expect(response.status).toBe(200);
    expect(hub.artifacts('style')[0]?.source.version).toBe(v1);
  });

  it('a kept version that no longer passes its checks is refused (409) and the serving version and its file stay', async () => {
    const entry = KINDS[0]!;
    const { root, hub, id, v1, v2 } = await savedTwice(entry);
    const folder = join(root, '.hothub/backups/style', encodeURIComponent(id));
    const name = await eventually(async () => {
      const found = (await readdir(folder)).find((n) => n.includes(`.${v1}.`));
      expect(found).toBeDefined();
      return found!;
    });
    await writeFile(join(folder, name), 'body { color: ');
    const before = snapshot(hub);
    const response = await post(`${hub.url}/rollback`, { kind: 'style', id, version: v1 });
    await expectError(response, 409, 'rollback_failed');
    expect(hub.artifacts('style')[0]?.source.version).toBe(v2);
    expect(await readFile(join(root, entry.file), 'utf8')).toBe(entry.v2);
    expect(snapshot(hub).versions).toEqual(before.versions);
    expect((await fetch(`${hub.url}/assets/style/${id}`)).status).toBe(200);
  });

  it('keeps as many versions per kind as `versions` says, and none for a kind set to 0', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: #000; }\n', 'themes/paper.css': ':root { --bg: white; }\n' });
    const hub = await startHub({ root, versions: { style: 2, theme: 0 } });
    const client = await connectClient(hub.url!);
    for (const n of [1, 2, 3]) {
      await write(root, 'styles/main.css', `a { color: #00${n}; }\n`);
      await eventually(() => expect(client.reloaded).toHaveLength(n));
    }
    await eventually(async () => expect((await versionsOf(hub.url!, 'style', 'main.css')).versions.map((v) => v.version)).toEqual([client.reloaded[2]!.version, client.reloaded[1]!.version]));
    expect((await versionsOf(hub.url!, 'theme', hub.artifacts('theme')[0]!.id)).versions).toEqual([]);
    await expectError(await post(`${hub.url}/rollback`, { kind: 'theme', id: hub.artifacts('theme')[0]!.id }), 409, 'no_previous_version');
  });
});
