import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configHub } from './support/config.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const APP_YAML = 'name: shop\ndb:\n  host: db.local\n  pool:\n    size: 5\n  password: hunter2\n';

describe('config reload', () => {
  it('loads JSON and YAML configs at start and serves them frozen', async () => {
    const { hub } = await configHub({ 'config/app.yaml': APP_YAML, 'config/flags.json': '{ "beta": true }' });
    expect(hub.config.ids()).toEqual(['app', 'flags']);
    expect(hub.config.get('app')).toEqual({ name: 'shop', db: { host: 'db.local', pool: { size: 5 }, password: 'hunter2' } });
    expect(hub.config.get('app', 'db.pool.size')).toBe(5);
    expect(hub.config.get('flags', 'beta')).toBe(true);
    expect(Object.isFrozen(hub.config.get('app', 'db'))).toBe(true);
  });

  it('sends browsers the changed key names only, never the values', async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': APP_YAML });
    await write(root, 'config/app.yaml', APP_YAML.replace('size: 5', 'size: 9').replace('hunter2', 'hunter3'));
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    const event = client.reloaded[0]!;
    expect(event).toMatchObject({ kind: 'config', id: 'app', trigger: 'file', keys: ['db.password', 'db.pool.size'] });
    expect(event.values).toBeUndefined();
    expect(JSON.stringify(event)).not.toContain('hunter');
    expect(hub.config.get('app', 'db.pool.size')).toBe(9);
  });

  it('sends the values of a public config, with secret-looking keys redacted', async () => {
    const { root, client } = await configHub(
      { 'config/theme.json': '{ "accent": "red", "apiKey": "k1" }' },
      { publicConfigs: ['theme'] },
    );
    await write(root, 'config/theme.json', '{ "accent": "blue", "apiKey": "k2", "dark": true }');
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    expect(client.reloaded[0]).toMatchObject({
      keys: ['accent', 'apiKey', 'dark'],
      values: { accent: 'blue', apiKey: '[redacted]', dark: true },
    });
  });

  describe('keeps the last good config', () => {
    it('on invalid JSON, reporting line and column', async () => {
      const { root, hub, client } = await configHub({ 'config/flags.json': '{ "beta": true }' });
      await write(root, 'config/flags.json', '{\n  "beta": false,\n  "gamma": \n}\n');
      await eventually(() => expect(client.failed).toHaveLength(1));
      expect(client.failed[0]).toMatchObject({
        kind: 'config',
        id: 'flags',
        rolledBack: false,
        error: { message: 'invalid JSON: value expected', file: 'config/flags.json', line: 4, column: 1 },
      });
      expect(hub.config.get('flags')).toEqual({ beta: true });
    });

    it('on invalid YAML, reporting line and column without quoting the file', async () => {
      const { root, hub, client } = await configHub({ 'config/app.yaml': APP_YAML });
      await write(root, 'config/app.yaml', 'name: shop\ndb:\n  password: hunter2\n  pool: : 5\n');
      await eventually(() => expect(client.failed).toHaveLength(1));
      expect(client.failed[0]!.error).toMatchObject({
        message: 'invalid YAML: bad indentation of a mapping entry',
        line: 4,
        column: 9,
      });
      expect(client.failed[0]!.error.message).not.toContain('hunter2');
      expect(hub.config.get('app', 'db.pool.size')).toBe(5);
    });

    it('on a YAML alias bomb (billion laughs)', async () => {
      const { root, hub, client } = await configHub({ 'config/app.yaml': APP_YAML });
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 10; i++) {
        const [prev, next] = ['abcdefghij'[i - 1], 'abcdefghij'[i]];
        levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      await write(root, 'config/app.yaml', `${levels.join('\n')}\n`);
      await eventually(() => expect(client.failed).toHaveLength(1));
      expect(client.failed[0]!.error.message).toMatch(/^invalid YAML: its aliases expand to more than \d+ values \(an alias bomb\?\)$/);
      expect(hub.config.get('app', 'name')).toBe('shop');
      // Ordinary anchors and aliases still load.
      await write(root, 'config/app.yaml', 'base: &base { retries: 3 }\nsvc1: *base\nsvc2: *base\n');
      await eventually(() => expect(hub.config.get('app')).toEqual({ base: { retries: 3 }, svc1: { retries: 3 }, svc2: { retries: 3 } }));
    });

    it('on a file that is not UTF-8', async () => {
      const { root, hub, client } = await configHub({ 'config/app.yaml': APP_YAML });
      await writeFile(join(root, 'config/app.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
      await eventually(() => expect(client.failed).toHaveLength(1));
      expect(client.failed[0]!.error.message).toBe(`config/app.yaml is not valid UTF-8: save it with UTF-8 encoding`);
      expect(hub.config.get('app', 'name')).toBe('shop');
    });

    it('on a file larger than the limit', async () => {
      const { root, hub, client } = await configHub({ 'config/app.yaml': APP_YAML }, { configMaxBytes: 1024 });
      await write(root, 'config/app.yaml', `name: big\nfiller: "${'x'.repeat(2000)}"\n`);
      await eventually(() => expect(client.failed).toHaveLength(1));
      expect(client.failed[0]!.error.message).toMatch(/app\.yaml is 2\d{3} bytes, over the limit of 1024$/);
      expect(hub.config.get('app', 'name')).toBe('shop');
    });

    it('when its file is deleted: a warning, no event, and a re-created file loads', async () => {
      const { root, hub, client, logs } = await configHub({ 'config/app.yaml': APP_YAML });
      await rm(join(root, 'config/app.yaml'));
      await eventually(() => expect(logs.join('\n')).toMatch(/warn: \[hothub:pipeline\] the file of config\/app is gone; its last good version keeps serving/));
      expect(hub.config.get('app', 'name')).toBe('shop');
      await write(root, 'config/app.yaml', 'name: back\n');
      await eventually(() => expect(client.reloaded).toHaveLength(1));
      expect(client.reloaded[0]).toMatchObject({ id: 'app', keys: ['db.host', 'db.password', 'db.pool.size', 'name'] });
      expect(client.reloaded.some((e) => e.removed)).toBe(false);
      expect(client.failed).toEqual([]);
    });
  });

  describe("an editor's atomic save", () => {
    it('written to a temp file and renamed over the config gives one reload and nothing else', async () => {
      const { root, hub, client } = await configHub({ 'config/app.yaml': APP_YAML });
      await writeFile(join(root, 'config/app.yaml.tmp'), 'name: renamed\n');
      await rename(join(root, 'config/app.yaml.tmp'), join(root, 'config/app.yaml'));
      await eventually(() => expect(hub.config.get('app', 'name')).toBe('renamed'));
      await write(root, 'config/app.yaml', 'name: after\n');
      // The store changes during apply, before the event goes out: wait for the event.
      await eventually(() => expect(client.reloaded.map((e) => e.keys)).toEqual([['db.host', 'db.password', 'db.pool.size', 'name'], ['name']]));
      expect(client.failed).toEqual([]);
    });

    it('that deletes the file then writes it again gives no event at all', async () => {
      const { root, client, logs } = await configHub({ 'config/app.yaml': APP_YAML });
      await rm(join(root, 'config/app.yaml'));
      await write(root, 'config/app.yaml', APP_YAML);
      // A later save is the marker: anything the delete-and-write caused would come before it. It is
      // saved again while polling: chokidar drops a change within 50 ms of the last one (chokidar#1455).
      await eventually(async () => {
        await write(root, 'config/app.yaml', APP_YAML.replace('shop', 'store'));
        expect(client.reloaded).toHaveLength(1);
      });
      expect(client.reloaded.map((e) => e.keys)).toEqual([['name']]);
      expect(client.failed).toEqual([]);
      expect(logs.join('\n')).not.toContain('is gone');
    });
  });
});
