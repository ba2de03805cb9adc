import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModuleInfo, ReloadFailed } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { type CliRun, listeningUrl, runCli } from './support/cli.js';
import { connectClient, type RecordingClient } from './support/hub.js';
import { failure, pluginSource, wizardSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

// Module faults run against the built CLI in a child process: a fault the hub fails to contain
// (process.exit, an endless loop, an uncaught error) ends or freezes that child, not the test runner.

interface FaultHub {
  root: string;
  run: CliRun;
  url: string;
  client: RecordingClient;
}

/** A CLI hub on `files`, with a small bound on module code so an endless loop is cut quickly. */
async function startFaultHub(files: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<FaultHub> {
  const root = await tempRoot(files);
  const run = runCli(['--root', root, '--port', '0', '--plugin-timeout', '300'], env);
  const url = await listeningUrl(run);
  return { root, run, url, client: await connectClient(url) };
}

async function moduleInfo(url: string, kind: 'wizards' | 'plugins', id: string): Promise<ModuleInfo | undefined> {
  const body: unknown = await (await fetch(`${url}/${kind}`)).json();
  const list = (body as Record<string, ModuleInfo[]>)[kind] ?? [];
  return list.find((info) => info.id === id);
}

/** The hub process lives and answers `/health`. */
async function expectAlive(hub: FaultHub): Promise<void> {
  expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  expect(hub.run.child.exitCode).toBeNull();
}

/** The fault left the last good version serving, and `reload_failed` named `file`. */
async function expectLastGood(hub: FaultHub, kind: 'wizards' | 'plugins', id: string, good: string | null | undefined, failed: ReloadFailed, file: string) {
  await expectAlive(hub);
  expect(failed.error.file).toBe(file);
  expect(await moduleInfo(hub.url, kind, id)).toMatchObject({ version: good, status: 'stale', lastError: failed.error });
}

describe('module faults cannot take the hub down', () => {
  it('rolls back a wizard that throws from a timer after it was swapped in', async () => {
    const hub = await startFaultHub({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const good = (await moduleInfo(hub.url, 'wizards', 'debug'))?.version;
    await write(hub.root, 'wizards/debug_wizard.js', `setTimeout(() => {\n  throw new Error('late failure');\n}, 50);\n${wizardSource('v2')}`);
    const failed = await failure(hub.client, /late failure/);
    expect(failed).toMatchObject({ kind: 'wizard', id: 'debug', trigger: 'runtime', rolledBack: true, reason: 'errors', error: { line: 2 } });
    await expectLastGood(hub, 'wizards', 'debug', good, failed, 'wizards/debug_wizard.js');
  });

  it('reports a promise a wizard rejects at its top level, and keeps the last good version', async () => {
    const hub = await startFaultHub({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const good = (await moduleInfo(hub.url, 'wizards', 'debug'))?.version;
    await write(hub.root, 'wizards/debug_wizard.js', `Promise.reject(new Error('nobody awaits me'));\n${wizardSource('v2')}`);
    const failed = await failure(hub.client, /nobody awaits me/);
    expect(failed.error.line).toBe(1);
    await expectLastGood(hub, 'wizards', 'debug', good, failed, 'wizards/debug_wizard.js');
  });

  it('reports a promise a plugin initialize() leaves rejected, and keeps the last good version', async () => {
    const hub = await startFaultHub({ 'plugins/search.js': pluginSource('v1') });
    const good = (await moduleInfo(hub.url, 'plugins', 'search'))?.version;
    await write(hub.root, 'plugins/search.js', pluginSource('v2', { initialize: `Promise.reject(new Error('initialize left this'));` }));
    const failed = await failure(hub.client, /initialize left this/);
    await expectLastGood(hub, 'plugins', 'search', good, failed, 'plugins/search.js');
  });

  it('refuses process.exit() in a wizard, a plugin and a config schema', async () => {
    const schema = (body: string) => `import * as z from 'zod';\n${body}\nexport default z.object({ name: z.string() });\n`;
    const hub = await startFaultHub({
      'wizards/debug_wizard.js': wizardSource('v1'),
      'plugins/search.js': pluginSource('v1'),
      'config/app.json': '{ "name": "a" }\n',
      'config/app.schema.js': schema(''),
    });
    const goodWizard = (await moduleInfo(hub.url, 'wizards', 'debug'))?.version;
    const goodPlugin = (await moduleInfo(hub.url, 'plugins', 'search'))?.version;
    await write(hub.root, 'wizards/debug_wizard.js', `process.exit(7);\n${wizardSource('v2')}`);
    await write(hub.root, 'plugins/search.js', pluginSource('v2', { initialize: 'globalThis.process.exit(7);' }));
    await write(hub.root, 'config/app.schema.js', schema(`require('node:process').exit(7);`));
    const refused = /process\.exit\(\) is not allowed in wizards, plugins and config schemas/;
    const wizard = await failure(hub.client, (e) => e.kind === 'wizard' && refused.test(e.error.message));
    expect(wizard.error.line).toBe(1);
    await expectLastGood(hub, 'wizards', 'debug', goodWizard, wizard, 'wizards/debug_wizard.js');
    const plugin = await failure(hub.client, (e) => e.kind === 'plugin' && refused.test(e.error.message));
    await expectLastGood(hub, 'plugins', 'search', goodPlugin, plugin, 'plugins/search.js');
    const config = await failure(hub.client, (e) => e.kind === 'config' && refused.test(e.error.message));
    expect(config.error.file).toBe('config/app.schema.js');
    expect(await (await fetch(`${hub.url}/health`)).json()).toMatchObject({ status: 'ok' });
    expect(hub.run.child.exitCode).toBeNull();
  });

  it('stops an endless loop at a wizard top level and in its constructor', async () => {
    const hub = await startFaultHub({ 'wizards/debug_wizard.js': wizardSource('v1'), 'wizards/other_wizard.js': wizardSource('v1') });
    const good = (await moduleInfo(hub.url, 'wizards', 'debug'))?.version;
    const goodOther = (await moduleInfo(hub.url, 'wizards', 'other'))?.version;
    await write(hub.root, 'wizards/debug_wizard.js', `while (true) {}\n${wizardSource('v2')}`);
    const top = await failure(hub.client, (e) => e.id === 'debug' && /still running after 300 ms/.test(e.error.message));
    await expectLastGood(hub, 'wizards', 'debug', good, top, 'wizards/debug_wizard.js');
    await write(hub.root, 'wizards/other_wizard.js', `export class OtherWizard {\n  constructor() {\n    while (true) {}\n  }\n}\n`);
    const constructed = await failure(hub.client, (e) => e.id === 'other' && /new OtherWizard\(\) threw: still running/.test(e.error.message));
    await expectLastGood(hub, 'wizards', 'other', goodOther, constructed, 'wizards/other_wizard.js');
  });

  it('stops an endless loop in a plugin initialize() (rolled back) and cleanup() (logged)', async () => {
    const hub = await startFaultHub({ 'plugins/search.js': pluginSource('v1'), 'plugins/cache.js': pluginSource('v1', { cleanup: 'while (true) {}' }) });
    const good = (await moduleInfo(hub.url, 'plugins', 'search'))?.version;
    await write(hub.root, 'plugins/search.js', pluginSource('v2', { initialize: 'while (true) {}' }));
    const failed = await failure(hub.client, (e) => e.id === 'search' && /initialize\(\) failed: still running after 300 ms/.test(e.error.message));
    await expectLastGood(hub, 'plugins', 'search', good, failed, 'plugins/search.js');
    // cache v1 loops in its cleanup when v2 replaces it: v2 serves, the cleanup is cut and logged.
    await write(hub.root, 'plugins/cache.js', pluginSource('v2'));
    await eventually(() => expect(hub.client.reloaded.some((e) => e.id === 'cache')).toBe(true));
    await eventually(() => expect(hub.run.stderr()).toMatch(/cleanup\(\) of plugin cache failed.*still running after 300 ms/));
    await expectAlive(hub);
  });

  it('keeps serving and broadcasting when a wizard replaces JSON.stringify', async () => {
    const hub = await startFaultHub({ 'wizards/debug_wizard.js': wizardSource('v1'), 'styles/main.css': 'a { color: red; }\n' });
    await write(hub.root, 'wizards/debug_wizard.js', `JSON.stringify = () => 'hijacked';\nObject.prototype.polluted = true;\n${wizardSource('v2')}`);
    await eventually(() => expect(hub.client.reloaded.some((e) => e.id === 'debug')).toBe(true));
    const status: unknown = await (await fetch(`${hub.url}/status`)).json();
    expect(status).toMatchObject({ running: true });
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    await write(hub.root, 'styles/main.css', 'a { color: blue; }\n');
    await eventually(() => expect(hub.client.reloaded.some((e) => e.kind === 'style' && e.id === 'main.css')).toBe(true));
    await expectAlive(hub);
  });

  it('logs an uncaught error that no module threw, and keeps running', async () => {
    const root = await tempRoot();
    const preload = join(root, 'throw-later.mjs');
    await writeFile(preload, `setTimeout(() => { throw new Error('not from a module'); }, 300);\n`);
    const hub = await startFaultHub({ 'wizards/debug_wizard.js': wizardSource('v1') }, { NODE_OPTIONS: `--import=${preload}` });
    await eventually(() => expect(hub.run.stderr()).toMatch(/uncaught error outside any wizard or plugin.*not from a module/s));
    await expectAlive(hub);
  });
});
