import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PluginList, validate } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/util/log.js';
import { connectClient, startHub } from './support/hub.js';
import { answerOf, failure, type PluginHooks, pluginSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

/** A hub with plugin `search` at v1; `log` records every lifecycle call of every version. */
async function searchPlugin(file = 'plugins/search.js') {
  const log: string[] = [];
  const root = await tempRoot({ [file]: pluginSource('v1') });
  const hub = await startHub({ root, pluginTimeout: 300, pluginConfig: { search: { log } } });
  const client = await connectClient(hub.url!);
  return { root, hub, client, log };
}

/** Saves a v2 of `search` with the given hooks and waits for the reload_failed it must cause. */
async function failingSwap(hooks: PluginHooks, message: RegExp) {
  const setup = await searchPlugin();
  await write(setup.root, 'plugins/search.js', pluginSource('v2', hooks));
  return { ...setup, failed: await failure(setup.client, message) };
}

describe('plugins', () => {
  it('initializes a plugin with its config and checks its status at start', async () => {
    const { hub, log } = await searchPlugin();
    expect(log).toEqual(['initialize v1', 'getStatus v1']);
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
    expect(hub.plugins.info('search')).toMatchObject({ status: 'active', reloadCount: 0 });
  });

  it('swaps: initialize the new one, check it, switch, then clean up the old one', async () => {
    const { root, hub, client, log } = await searchPlugin();
    await write(root, 'plugins/search.js', pluginSource('v2'));
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    expect(client.reloaded[0]).toMatchObject({ kind: 'plugin', id: 'search', cause: { file: 'plugins/search.js' } });
    expect(log.slice(2)).toEqual(['initialize v2', 'getStatus v2', 'cleanup v1']);
    expect(answerOf(hub.plugins, 'search')).toBe('v2');
  });

  it('rolls back when initialize throws: the new one is cleaned up and the old one keeps answering', async () => {
    const { hub, log, failed } = await failingSwap({ initialize: "throw new Error('no database');" }, /no database/);
    expect(failed).toMatchObject({ kind: 'plugin', id: 'search', rolledBack: true });
    expect(failed.error.message).toBe('initialize() failed: no database');
    expect(failed.error.line).toBe(6);
    expect(log.slice(2)).toEqual(['initialize v2', 'cleanup v2']);
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
    expect(hub.plugins.info('search')).toMatchObject({ status: 'stale', lastError: failed.error });
  });

  it('rolls back when getStatus reports unhealthy', async () => {
    const { hub, log, failed } = await failingSwap({ getStatus: "return { healthy: false, message: 'index missing' };" }, /unhealthy/);
    expect(failed).toMatchObject({ rolledBack: true, error: { message: 'plugin search reports itself unhealthy: index missing' } });
    expect(log.slice(2)).toEqual(['initialize v2', 'getStatus v2', 'cleanup v2']);
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
  });

  it('rolls back when getStatus returns something that is not a status', async () => {
    const { hub, failed } = await failingSwap({ getStatus: "return 'fine';" }, /getStatus\(\) result/);
    expect(failed).toMatchObject({ rolledBack: true, error: { message: expect.stringMatching(/^invalid getStatus\(\) result/) } });
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
  });

  it('bounds an initialize that never resolves by the timeout, and rolls back', async () => {
    const { hub, log, failed } = await failingSwap({ initialize: 'await new Promise(() => {});' }, /did not settle/);
    expect(failed).toMatchObject({ rolledBack: true, error: { message: 'initialize() did not settle within 300 ms' } });
    expect(log.slice(2)).toEqual(['initialize v2', 'cleanup v2']);
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
  });

  it('switches even when the old version hangs in cleanup', async () => {
    const log: string[] = [];
    const root = await tempRoot({ 'plugins/search.js': pluginSource('v1', { cleanup: 'await new Promise(() => {});' }) });
    const hub = await startHub({ root, pluginTimeout: 100, pluginConfig: { search: { log } } });
    const client = await connectClient(hub.url!);
    await write(root, 'plugins/search.js', pluginSource('v2'));
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    expect(answerOf(hub.plugins, 'search')).toBe('v2');
  });

  it('reports a plugin that fails to load or lacks the lifecycle, and keeps the old one', async () => {
    const { root, hub, client, log } = await searchPlugin();
    await write(root, 'plugins/search.js', 'export default { initialize() {}, answer() {} };\n');
    expect(await failure(client, /cleanup/)).toMatchObject({ rolledBack: false });
    await write(root, 'plugins/search.js', 'export default { initialize( };\n');
    const syntax = await failure(client, (e) => e.error.line !== undefined);
    expect(syntax).toMatchObject({ rolledBack: false, error: { file: 'plugins/search.js', line: 1 } });
    expect(log).toEqual(['initialize v1', 'getStatus v1']);
    expect(answerOf(hub.plugins, 'search')).toBe('v1');
  });

  it('loads plugins/<name>/index.js and plugin classes, reloads on a helper save, and cleans up a removed plugin', async () => {
    const log: string[] = [];
    const root = await tempRoot({
      'plugins/cache/ttl.js': 'export const ttl = 5;\n',
      'plugins/cache/index.ts': `import { ttl } from './ttl.js';
export class CachePlugin {
  log: string[] = [];
  initialize(config: { log: string[] }) { this.log = config.log; this.log.push('initialize ' + ttl); }
  getStatus() { return { healthy: true }; }
  cleanup() { this.log.push('cleanup ' + ttl); }
  answer() { return ttl; }
}
`,
    });
    const hub = await startHub({ root, pluginConfig: { cache: { log } } });
    const client = await connectClient(hub.url!);
    expect(answerOf(hub.plugins, 'cache')).toBe(5);
    await write(root, 'plugins/cache/ttl.js', 'export const ttl = 6;\n');
    await eventually(() => expect(answerOf(hub.plugins, 'cache')).toBe(6));
    await eventually(() =>
      expect(client.reloaded.find((e) => e.id === 'cache')?.cause).toEqual({
        file: 'plugins/cache/ttl.js',
        chain: ['plugins/cache/ttl.js', 'plugins/cache/index.ts'],
      }),
    );
    await rm(join(root, 'plugins/cache'), { recursive: true });
    await eventually(() => expect(client.reloaded.at(-1)).toMatchObject({ id: 'cache', removed: true }));
    expect(log).toEqual(['initialize 5', 'initialize 6', 'cleanup 5', 'cleanup 6']);
    expect(hub.plugins.get('cache')).toBeUndefined();
  });

  it('loads a plugin file added after start', async () => {
    const log: string[] = [];
    const root = await tempRoot({ 'plugins/.keep': '' });
    const hub = await startHub({ root, pluginConfig: { late: { log } } });
    await write(root, 'plugins/late.mjs', pluginSource('late'));
    await eventually(() => expect(answerOf(hub.plugins, 'late')).toBe('late'));
    expect(log).toEqual(['initialize late', 'getStatus late']);
  });

  it('hands a config change to the active plugin through updateConfig, and to later versions through initialize', async () => {
    const source = (version: string) => `export class SettingsPlugin {
  initialize(config) { this.level = config.level; }
  getStatus() { return { healthy: true }; }
  cleanup() {}
  updateConfig(config) { if (config.level < 0) throw new Error('negative level'); this.level = config.level; }
  answer() { return '${version}:' + this.level; }
}
`;
    const root = await tempRoot({ 'plugins/settings.js': source('v1') });
    const hub = await startHub({ root, pluginConfig: { settings: { level: 1 } } });
    expect(answerOf(hub.plugins, 'settings')).toBe('v1:1');
    await hub.configurePlugin('settings', { level: 2 });
    expect(answerOf(hub.plugins, 'settings')).toBe('v1:2');
    await expect(hub.configurePlugin('settings', { level: -1 })).rejects.toThrow('updateConfig() failed: negative level');
    expect(answerOf(hub.plugins, 'settings')).toBe('v1:2');
    await hub.configurePlugin('settings', { level: 3 });
    await write(root, 'plugins/settings.js', source('v2'));
    await eventually(() => expect(answerOf(hub.plugins, 'settings')).toBe('v2:3'));
  });

  it('cleans up the serving version when the hub stops', async () => {
    const { hub, log } = await searchPlugin();
    await hub.stop();
    expect(log).toEqual(['initialize v1', 'getStatus v1', 'cleanup v1']);
    expect(hub.plugins.get('search')).toBeUndefined();
  });

  it('stops even when a cleanup hangs (bounded by the plugin timeout) or throws, and logs it', async () => {
    const log: string[] = [];
    const logs: string[] = [];
    const root = await tempRoot({
      'plugins/stuck.js': pluginSource('stuck', { cleanup: 'await new Promise(() => {});' }),
      'plugins/broken.js': pluginSource('broken', { cleanup: "throw new Error('disk gone');" }),
    });
    const hub = await startHub({
      root,
      pluginTimeout: 100,
      pluginConfig: { stuck: { log }, broken: { log } },
      logger: createLogger({ level: 'warn', write: (line) => logs.push(line) }),
    });
    await hub.stop();
    expect(log).toEqual(expect.arrayContaining(['cleanup stuck', 'cleanup broken']));
    expect(logs.join('\n')).toMatch(/cleanup\(\) of plugin stuck failed.*did not settle within 100 ms/);
    expect(logs.join('\n')).toMatch(/cleanup\(\) of plugin broken failed.*disk gone/);
  });

  it('lists plugins over HTTP', async () => {
    const { root, hub, client } = await searchPlugin();
    await write(root, 'plugins/search.js', pluginSource('v2', { initialize: "throw new Error('down');" }));
    await failure(client, /down/);
    const body = validate(PluginList, await (await fetch(`${hub.url}/plugins`)).json());
    if (!body.ok) throw new Error(body.error.message);
    expect(body.value.plugins).toEqual([
      {
        id: 'search',
        version: expect.any(String),
        status: 'stale',
        loadedAt: expect.any(Number),
        reloadCount: 0,
        lastError: expect.objectContaining({ message: 'initialize() failed: down' }),
      },
    ]);
  });
});
