import { describe, expect, it } from 'vitest';
import { configHub } from './support/config.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const V1 = 'db:\n  pool:\n    size: 5\n';
const V2 = 'db:\n  pool:\n    size: 500\n';

describe('config health checks', () => {
  it('roll back a config that fails a check: reload_failed with rolledBack, subscribers never told of the version undone', async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': V1 });
    const seenDuringCheck: unknown[] = [];
    hub.healthChecks.add('pool fits', () => {
      seenDuringCheck.push(hub.config.get('app', 'db.pool.size'));
      return Number(hub.config.get('app', 'db.pool.size')) <= 100;
    });
    const changes: unknown[] = [];
    hub.config.subscribe('db.*', (change) => void changes.push([change.oldValue, change.newValue]));

    await write(root, 'config/app.yaml', V2);
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({
      kind: 'config',
      id: 'app',
      rolledBack: true,
      error: { message: 'health check failed after applying config/app: pool fits: returned false' },
    });
    // The check ran against the new config; it was then undone before any subscriber heard of it (issue 11).
    expect(seenDuringCheck).toEqual([500]);
    expect(changes).toEqual([]);
    expect(hub.config.get('app', 'db.pool.size')).toBe(5);
    expect(client.reloaded).toEqual([]);
    // The next good version is announced once, from the version that kept serving.
    await write(root, 'config/app.yaml', 'db:\n  pool:\n    size: 50\n');
    await eventually(() => expect(changes).toEqual([[5, 50]]));
  });

  it('roll back when a check exceeds its timeout, or throws', async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': V1 });
    const remove = hub.healthChecks.add('hangs', () => new Promise(() => {}), { timeoutMs: 50, kinds: ['config'] });
    await write(root, 'config/app.yaml', V2);
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({ rolledBack: true, error: { message: expect.stringContaining('hangs: the check did not settle within 50 ms') } });
    expect(hub.config.get('app', 'db.pool.size')).toBe(5);

    remove();
    hub.healthChecks.add('throws', async () => {
      throw new Error('database unreachable');
    });
    await write(root, 'config/app.yaml', 'db:\n  pool:\n    size: 7\n');
    await eventually(() => expect(client.failed).toHaveLength(2));
    expect(client.failed[1]!.error.message).toContain('throws: database unreachable');
    expect(hub.config.get('app', 'db.pool.size')).toBe(5);
    expect(hub.healthChecks.names()).toEqual(['throws']);
  });

  it('let a version that passes every check serve, and report results on demand', async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': V1 });
    hub.healthChecks.add('ok', () => true);
    hub.healthChecks.add('styles only', () => false, { kinds: ['style'] });
    await write(root, 'config/app.yaml', V2);
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    expect(hub.config.get('app', 'db.pool.size')).toBe(500);
    const results = await hub.healthChecks.run();
    expect(results.map(({ name, ok }) => ({ name, ok }))).toEqual([
      { name: 'ok', ok: true },
      { name: 'styles only', ok: false },
    ]);
  });
});
