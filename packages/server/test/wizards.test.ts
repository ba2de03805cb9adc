import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { validate, WizardList } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { answerOf, failure, wizardSource } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

describe('wizards', () => {
  it('registers the exported …Wizard class under the id of its file at start', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const hub = await startHub({ root });
    expect(answerOf(hub.wizards, 'debug')).toBe('v1');
    expect(hub.wizards.info('debug')).toMatchObject({ id: 'debug', status: 'active', reloadCount: 0, lastError: null });
  });

  it('swaps in a saved wizard and sends reloaded with the file saved as cause', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'wizards/debug_wizard.js', wizardSource('v2'));
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    expect(client.reloaded[0]).toMatchObject({ kind: 'wizard', id: 'debug', trigger: 'file', cause: { file: 'wizards/debug_wizard.js' } });
    expect(answerOf(hub.wizards, 'debug')).toBe('v2');
    expect(hub.wizards.info('debug')).toMatchObject({ version: client.reloaded[0]!.version, reloadCount: 1 });
  });

  it('loads TypeScript wizards and default-exported classes', async () => {
    const root = await tempRoot({
      'wizards/typed_wizard.ts': `export default class { answer(): string { const n: number = 2; return 'ts' + n; } }\n`,
    });
    const hub = await startHub({ root });
    expect(answerOf(hub.wizards, 'typed')).toBe('ts2');
  });

  it('reports a syntax error with file, line and column, and keeps the old version answering', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'wizards/debug_wizard.js', `${wizardSource('v2')}const broken = ;\n`);
    const failed = await failure(client, (e) => e.error.line === 6);
    expect(failed).toMatchObject({
      kind: 'wizard',
      id: 'debug',
      rolledBack: false,
      cause: { file: 'wizards/debug_wizard.js' },
      error: { file: 'wizards/debug_wizard.js', line: 6, column: 16 },
    });
    // Paths in events are root-relative: the hub's folder on disk stays off the wire (issue 11).
    expect(JSON.stringify(failed)).not.toContain(root);
    expect(answerOf(hub.wizards, 'debug')).toBe('v1');
    expect(hub.wizards.info('debug')).toMatchObject({ status: 'stale', reloadCount: 0, lastError: failed.error });
  });

  it('reports a throw at import where it was thrown, in a helper, and keeps the old version answering', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'wizards/helpers/boom.js', `export function boom() {\n  throw new Error('kaput');\n}\n`);
    await write(root, 'wizards/debug_wizard.js', `import { boom } from './helpers/boom.js';\nboom();\n${wizardSource('v2')}`);
    const failed = await failure(client, /kaput/);
    expect(failed.error).toMatchObject({ file: 'wizards/helpers/boom.js', line: 2, column: 9 });
    expect(answerOf(hub.wizards, 'debug')).toBe('v1');
  });

  it('reports a constructor that throws and keeps the old version answering', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'wizards/debug_wizard.js', `export class DebugWizard {\n  constructor() {\n    throw new Error('no');\n  }\n}\n`);
    const failed = await failure(client, /new DebugWizard\(\) threw: no/);
    expect(failed.error).toMatchObject({ file: 'wizards/debug_wizard.js', line: 3 });
    expect(answerOf(hub.wizards, 'debug')).toBe('v1');
  });

  it('reports a module without a wizard class and keeps the old version answering', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'wizards/debug_wizard.js', `export const notAWizard = 42;\nexport const arrowWizard = () => 'no class';\n`);
    const failed = await failure(client, /exports no wizard class/);
    expect(failed.error.file).toBe('wizards/debug_wizard.js');
    expect(answerOf(hub.wizards, 'debug')).toBe('v1');
  });

  it('asks onWizard before registering, and a refusal keeps the old version answering', async () => {
    const offered: string[] = [];
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const hub = await startHub({
      root,
      onWizard: (id, wizardClass) => {
        offered.push(`${id}:${wizardClass.name}`);
        return wizardClass.name !== 'RefusedWizard';
      },
    });
    expect(offered).toEqual(['debug:DebugWizard']);
    const client = await connectClient(hub.url!);
    await write(root, 'wizards/debug_wizard.js', wizardSource('v2', 'RefusedWizard'));
    await failure(client, /^onWizard refused to register wizard "debug"$/);
    expect(offered).toEqual(['debug:DebugWizard', 'debug:RefusedWizard']);
    expect(answerOf(hub.wizards, 'debug')).toBe('v1');
  });

  it('loads a wizard file added after start and unregisters a deleted one', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'wizards/admin/user_wizard.mjs', wizardSource('user', 'UserWizard'));
    await eventually(() => expect(answerOf(hub.wizards, 'admin/user')).toBe('user'));
    await rm(join(root, 'wizards/debug_wizard.js'));
    await eventually(() => expect(client.reloaded.find((e) => e.id === 'debug')).toMatchObject({ removed: true, kind: 'wizard' }));
    expect(hub.wizards.get('debug')).toBeUndefined();
    expect(hub.wizards.list().map((w) => w.id)).toEqual(['admin/user']);
  });

  it('forgets a wizard that never loaded once its file is deleted', async () => {
    const root = await tempRoot({ 'wizards/broken_wizard.js': 'export class BrokenWizard {' });
    const hub = await startHub({ root });
    expect(hub.wizards.info('broken')).toMatchObject({ status: 'failed', version: null, lastError: { line: 1 } });
    await rm(join(root, 'wizards/broken_wizard.js'));
    await eventually(() => expect(hub.wizards.list()).toEqual([]));
  });

  it('lists wizards over HTTP with version, status, load time, reload count and last error', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1'), 'wizards/broken_wizard.js': 'export {' });
    const hub = await startHub({ root });
    const response = await fetch(`${hub.url}/wizards`);
    expect(response.status).toBe(200);
    const body = validate(WizardList, await response.json());
    if (!body.ok) throw new Error(body.error.message);
    const [broken, debug] = body.value.wizards;
    expect(broken).toMatchObject({ id: 'broken', status: 'failed', version: null, loadedAt: null, reloadCount: 0 });
    expect(broken!.lastError).toMatchObject({ file: 'wizards/broken_wizard.js', line: 1 });
    expect(debug).toMatchObject({ id: 'debug', status: 'active', version: expect.any(String), reloadCount: 0, lastError: null });
    expect(debug!.loadedAt).toBeGreaterThan(Date.now() - 60_000);
  });
});
