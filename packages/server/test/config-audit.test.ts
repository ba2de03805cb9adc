import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/util/log.js';
import { auditLines, configHub } from './support/config.js';
import { startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const V1 = 'name: shop\ndb:\n  password: hunter2\n  pool: 5\napiKey: k-111\n';
const V2 = 'name: store\ndb:\n  password: hunter3\n  pool: 5\napiKey: k-222\nusers:\n  - name: ann\n    token: t-333\n';

describe('config audit log', () => {
  it('appends every change with trigger, keys and result, redacting secret-looking values', async () => {
    const { root, hub, client, logs } = await configHub({ 'config/app.yaml': V1 }, { publicConfigs: ['app'] });
    await write(root, 'config/app.yaml', V2);
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    await write(root, 'config/app.yaml', 'name: [broken\n');
    await eventually(() => expect(client.failed).toHaveLength(1));
    hub.healthChecks.add('no bobs', () => hub.config.get('app', 'name') !== 'bob');
    await write(root, 'config/app.yaml', V2.replace('store', 'bob'));
    await eventually(() => expect(client.failed).toHaveLength(2));
    await hub.config.auditFlushed();

    const lines = await auditLines(root);
    expect(lines).toEqual([
      expect.objectContaining({ id: 'app', trigger: 'startup', result: 'applied', keys: ['apiKey', 'db.password', 'db.pool', 'name'] }),
      {
        at: expect.any(String),
        kind: 'config',
        id: 'app',
        trigger: 'file',
        result: 'applied',
        version: client.reloaded[0]!.version,
        previousVersion: expect.any(String),
        keys: ['apiKey', 'db.password', 'name', 'users'],
        changes: [
          { key: 'apiKey', from: '[redacted]', to: '[redacted]' },
          { key: 'db.password', from: '[redacted]', to: '[redacted]' },
          { key: 'name', from: 'shop', to: 'store' },
          { key: 'users', to: [{ name: 'ann', token: '[redacted]' }] },
        ],
        cause: { file: 'config/app.yaml' },
      },
      expect.objectContaining({ trigger: 'file', result: 'rejected', keys: [], changes: [], error: expect.stringMatching(/^invalid YAML/) }),
      expect.objectContaining({
        result: 'rolled_back',
        keys: ['name'],
        changes: [{ key: 'name', from: 'store', to: 'bob' }],
        error: expect.stringContaining('no bobs: returned false'),
      }),
    ]);
    // Neither the audit log, nor events (this config is public), nor logs carry a secret.
    const everything = JSON.stringify([lines, client.reloaded, client.failed, logs]);
    for (const secret of ['hunter', 'k-111', 'k-222', 't-333']) expect(everything).not.toContain(secret);
    expect(client.reloaded[0]!.values).toMatchObject({ 'db.password': '[redacted]', users: [{ name: 'ann', token: '[redacted]' }] });
  });

  it('redacts the words the settings name instead', async () => {
    const { root, hub, client } = await configHub({ 'config/db.json': '{ "dsn": "pg://a", "password": "p1" }' }, { redactKeys: ['dsn'] });
    await write(root, 'config/db.json', '{ "dsn": "pg://b", "password": "p2" }');
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    await hub.config.auditFlushed();
    expect((await auditLines(root)).at(-1)).toMatchObject({
      changes: [
        { key: 'dsn', from: '[redacted]', to: '[redacted]' },
        { key: 'password', from: 'p1', to: 'p2' },
      ],
    });
  });
});

describe('config audit log across restarts', () => {
  it('records a save once, however often the hub restarts after it', async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': 'name: shop\n' });
    await write(root, 'config/app.yaml', 'name: store\n');
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    await hub.config.auditFlushed();
    await hub.stop();
    for (let restart = 0; restart < 2; restart++) {
      const again = await startHub({ root, logger: createLogger({ level: 'silent' }) });
      await again.config.auditFlushed();
      await again.stop();
    }

    const lines = await auditLines(root);
    expect(lines.filter((line) => expect.objectContaining({ trigger: 'file', result: 'applied' }).asymmetricMatch(line))).toHaveLength(1);
    expect(lines).toEqual([
      expect.objectContaining({ trigger: 'startup', result: 'applied', keys: ['name'] }),
      expect.objectContaining({ trigger: 'file', result: 'applied', keys: ['name'], changes: [{ key: 'name', from: 'shop', to: 'store' }] }),
    ]);
  });
});
