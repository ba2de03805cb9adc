import { describe, expect, it } from 'vitest';
import type { ConfigChange } from '../src/index.js';
import { configHub } from './support/config.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const V1 = 'name: shop\ndb:\n  host: db.local\n  pool:\n    size: 5\n';
const V2 = 'name: store\ndb:\n  host: db.local\n  pool:\n    size: 10\n  timeout: 30\n';

describe('config subscriptions', () => {
  it('deliver each changed key matching the pattern with old and new value, version and time', async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': V1 });
    const seen: Record<string, ConfigChange[]> = { all: [], db: [], size: [], other: [] };
    hub.config.subscribe('*', (change) => void seen.all!.push(change));
    hub.config.subscribe('db.*', (change) => void seen.db!.push(change));
    hub.config.subscribe('db.pool.size', (change) => void seen.size!.push(change));
    hub.config.subscribe('*', (change) => void seen.other!.push(change), { config: 'other' });
    const before = Date.now();
    await write(root, 'config/app.yaml', V2);
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    const { version } = client.reloaded[0]!;

    expect(seen.all!.map((c) => c.key)).toEqual(['db.pool.size', 'db.timeout', 'name']);
    expect(seen.db!.map((c) => c.key)).toEqual(['db.pool.size', 'db.timeout']);
    expect(seen.size).toEqual([
      {
        config: 'app',
        key: 'db.pool.size',
        oldValue: 5,
        newValue: 10,
        version,
        previousVersion: expect.any(String),
        timestamp: expect.any(Number),
      },
    ]);
    expect(seen.size![0]!.timestamp).toBeGreaterThanOrEqual(before);
    expect(seen.db![1]).toMatchObject({ key: 'db.timeout', oldValue: undefined, newValue: 30 });
    expect(seen.other).toEqual([]);
  });

  it('stop after unsubscribing, and a throwing subscriber neither blocks others nor the reload', async () => {
    const { root, hub, client, logs } = await configHub({ 'config/app.yaml': V1 });
    const seen: string[] = [];
    hub.config.subscribe('name', () => {
      throw new Error('subscriber broke');
    });
    const off = hub.config.subscribe('name', (change) => void seen.push(String(change.newValue)));
    await write(root, 'config/app.yaml', V2);
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    off();
    await write(root, 'config/app.yaml', V1);
    await eventually(() => expect(client.reloaded).toHaveLength(2));
    expect(seen).toEqual(['store']);
    expect(hub.config.get('app', 'name')).toBe('shop');
    expect(logs.join('\n')).toContain('config subscriber for "name" failed on app: name');
  });

  it('never let a reader see a half-applied config', async () => {
    const version = (n: number) => `a: ${n}\nb: ${n}\nnested:\n  c: ${n}\n  d: ${n}\n`;
    const { root, hub } = await configHub({ 'config/app.yaml': version(0) });
    const mixed: unknown[] = [];
    let reading = true;
    // Reads between every turn of the event loop while the saves are applied.
    const reader = (async () => {
      while (reading) {
        const config = hub.config.get('app');
        const values = [config?.a, config?.b, hub.config.get('app', 'nested.c'), hub.config.get('app', 'nested.d')];
        if (new Set(values).size !== 1) mixed.push(values);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let n = 1; n <= 20; n++) {
      await write(root, 'config/app.yaml', version(n));
      await eventually(() => expect(hub.config.get('app', 'a')).toBe(n));
    }
    reading = false;
    await reader;
    expect(mixed).toEqual([]);
  });
});
