import { mkdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { configHub } from './support/config.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const ZOD = dirname(fileURLToPath(import.meta.resolve('zod/package.json')));

const ZOD_SCHEMA = `import * as z from 'zod';
export default z.object({
  port: z.number().int().min(1).max(65535),
  db: z.object({ pool: z.object({ size: z.number().int().positive() }) }),
  debug: z.boolean().default(false),
});
`;

const JSON_SCHEMA = JSON.stringify({
  type: 'object',
  required: ['port'],
  properties: { port: { type: 'integer', minimum: 1 }, name: { type: 'string' } },
});

/** A hub whose schema files can `import 'zod'`, as they would in an app with zod installed. */
function withZod(files: Record<string, string>) {
  return configHub(files, {}, async (root) => {
    await mkdir(join(root, 'node_modules'), { recursive: true });
    await symlink(ZOD, join(root, 'node_modules', 'zod'), 'dir');
  });
}

describe('config schemas', () => {
  it('validates with a zod schema file and serves its output (defaults filled in)', async () => {
    const { root, hub } = await withZod({ 'config/app.schema.js': ZOD_SCHEMA });
    await write(root, 'config/app.yaml', 'port: 8080\ndb:\n  pool:\n    size: 4\n');
    await eventually(() => expect(hub.config.get('app')).toEqual({ port: 8080, db: { pool: { size: 4 } }, debug: false }));
  });

  it('reports every failing key path and keeps the last good config', async () => {
    const { root, hub, client } = await withZod({
      'config/app.schema.js': ZOD_SCHEMA,
      'config/app.yaml': 'port: 8080\ndb:\n  pool:\n    size: 4\n',
    });
    expect(hub.config.get('app', 'port')).toBe(8080);
    await write(root, 'config/app.yaml', 'port: 0\ndb:\n  pool:\n    size: many\ndebug: 1\n');
    await eventually(() => expect(client.failed).toHaveLength(1));
    const { error, rolledBack } = client.failed[0]!;
    expect(rolledBack).toBe(false);
    expect(error.issues?.map((i) => i.path)).toEqual(['port', 'db.pool.size', 'debug']);
    expect(error.message).toMatch(/^app\.yaml does not match its schema: port: .*; db\.pool\.size: .*; debug: /);
    expect(hub.config.get('app', 'port')).toBe(8080);
  });

  it('validates with a JSON Schema file, and re-validates the config when the schema changes', async () => {
    const { root, hub, client } = await withZod({ 'config/app.schema.json': JSON_SCHEMA, 'config/app.json': '{ "port": 80, "name": "shop" }' });
    expect(hub.config.get('app', 'port')).toBe(80);
    await write(root, 'config/app.json', '{ "name": "shop" }');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.error.issues).toEqual([{ path: 'port', message: expect.any(String) }]);

    // Dropping `port` from `required` makes the file on disk valid: the schema save reloads it.
    await write(root, 'config/app.schema.json', JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }));
    await eventually(() =>
      expect(client.reloaded.at(-1)).toMatchObject({
        id: 'app',
        keys: ['port'],
        cause: { file: 'config/app.schema.json', chain: ['config/app.schema.json', 'config/app.json'] },
      }),
    );
    expect(hub.config.get('app')).toEqual({ name: 'shop' });
  });

  it('reports a schema file that does not load, naming it', async () => {
    const { root, hub, client } = await withZod({ 'config/app.json': '{ "port": 80 }' });
    await eventually(() => expect(hub.config.get('app', 'port')).toBe(80));
    await write(root, 'config/app.schema.js', 'export const notASchema = 1;\n');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.error).toMatchObject({
      file: 'config/app.schema.js',
      message: `config/app.schema.js must export a zod schema, as its default export or as \`schema\``,
    });
    expect(hub.config.get('app', 'port')).toBe(80);
  });

  it('applies validators the application registers', async () => {
    const { root, hub, client } = await configHub({ 'config/app.json': '{ "port": 80 }' });
    hub.config.registerValidator('app', z.object({ port: z.number().max(1024) }).strict());
    await write(root, 'config/app.json', '{ "port": 8080, "extra": true }');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.error.issues?.map((i) => i.path)).toEqual(['port', '']);
    expect(hub.config.get('app', 'port')).toBe(80);
    await write(root, 'config/app.json', '{ "port": 443 }');
    await eventually(() => expect(hub.config.get('app', 'port')).toBe(443));
  });
});
