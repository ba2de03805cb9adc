import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { answerOf } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const shout = (mark: string) => `export const shout = (text) => text.toUpperCase() + '${mark}';\n`;
const format = `import { shout } from '../../lib/shout.js';\nexport const format = (text) => shout(text);\n`;
const wizard = (name: string) =>
  `import { format } from './helpers/format.js';\nexport class ${name}Wizard {\n  answer() {\n    return format('${name}');\n  }\n}\n`;

/** debug and other import helpers/format.js, which imports ../lib/shout.js outside the wizards folder; plain imports nothing. */
async function project() {
  const root = await tempRoot({
    'lib/shout.js': shout('!'),
    'wizards/helpers/format.js': format,
    'wizards/debug_wizard.js': wizard('Debug'),
    'wizards/other_wizard.js': wizard('Other'),
    'wizards/plain_wizard.js': `export class PlainWizard {\n  answer() {\n    return 'plain';\n  }\n}\n`,
  });
  const hub = await startHub({ root });
  const client = await connectClient(hub.url!);
  return { root, hub, client };
}

const chainTo = (id: string) => ['lib/shout.js', 'wizards/helpers/format.js', `wizards/${id}_wizard.js`];

describe('wizard dependencies', () => {
  it('reloads every wizard that imports a saved helper, even outside wizards/, with the import chain as cause', async () => {
    const { root, hub, client } = await project();
    expect(answerOf(hub.wizards, 'debug')).toBe('DEBUG!');
    await write(root, 'lib/shout.js', shout('?'));
    await eventually(() => expect(client.reloaded.map((e) => e.id).sort()).toEqual(['debug', 'other']));
    for (const event of client.reloaded) {
      expect(event).toMatchObject({ kind: 'wizard', trigger: 'file', cause: { file: 'lib/shout.js', chain: chainTo(event.id) } });
    }
    expect(answerOf(hub.wizards, 'debug')).toBe('DEBUG?');
    expect(answerOf(hub.wizards, 'other')).toBe('OTHER?');
    expect(hub.wizards.info('debug')).toMatchObject({ version: client.reloaded.find((e) => e.id === 'debug')!.version, reloadCount: 1 });
    expect(hub.wizards.info('plain')).toMatchObject({ reloadCount: 0 });
  });

  it('reports a syntax error in a helper to each dependent with the cause, keeps them answering, and recovers', async () => {
    const { root, hub, client } = await project();
    await write(root, 'wizards/helpers/format.js', `${format}export const = 1;\n`);
    await eventually(() => expect(client.failed.map((e) => e.id).sort()).toEqual(['debug', 'other']));
    const failed = client.failed.find((e) => e.id === 'debug')!;
    expect(failed).toMatchObject({
      rolledBack: false,
      cause: { file: 'wizards/helpers/format.js', chain: ['wizards/helpers/format.js', 'wizards/debug_wizard.js'] },
      error: { file: 'wizards/helpers/format.js', line: 3, column: 14 },
    });
    expect(answerOf(hub.wizards, 'debug')).toBe('DEBUG!');
    await write(root, 'wizards/helpers/format.js', format.replace('shout(text)', "shout(text) + '.'"));
    await eventually(() => expect(answerOf(hub.wizards, 'debug')).toBe('DEBUG!.'));
    await eventually(() => expect(answerOf(hub.wizards, 'other')).toBe('OTHER!.'));
  });

  it('reports a deleted helper and reloads once it is back', async () => {
    const { root, hub, client } = await project();
    await rm(join(root, 'lib/shout.js'));
    await eventually(() => expect(client.failed.map((e) => e.id).sort()).toEqual(['debug', 'other']));
    expect(client.failed[0]!.error.message).toMatch(/Could not resolve/);
    expect(answerOf(hub.wizards, 'other')).toBe('OTHER!');
    await write(root, 'lib/shout.js', shout('#'));
    await eventually(() => expect(answerOf(hub.wizards, 'other')).toBe('OTHER#'));
  });

  it('reloads a wizard that imports another wizard when that one is saved', async () => {
    const root = await tempRoot({
      'wizards/base_wizard.js': `export class BaseWizard {\n  answer() {\n    return 'base1';\n  }\n}\n`,
      'wizards/child_wizard.js': `import { BaseWizard } from './base_wizard.js';\nexport class ChildWizard extends BaseWizard {}\n`,
    });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    expect(answerOf(hub.wizards, 'child')).toBe('base1');
    await write(root, 'wizards/base_wizard.js', `export class BaseWizard {\n  answer() {\n    return 'base2';\n  }\n}\n`);
    await eventually(() => expect(client.reloaded.map((e) => e.id).sort()).toEqual(['base', 'child']));
    expect(client.reloaded.find((e) => e.id === 'base')!.cause).toEqual({ file: 'wizards/base_wizard.js' });
    expect(client.reloaded.find((e) => e.id === 'child')!.cause).toEqual({
      file: 'wizards/base_wizard.js',
      chain: ['wizards/base_wizard.js', 'wizards/child_wizard.js'],
    });
    expect(answerOf(hub.wizards, 'child')).toBe('base2');
  });
});
