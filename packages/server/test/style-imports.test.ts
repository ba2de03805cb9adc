import { describe, expect, it } from 'vitest';
import { eventually } from './support/poll.js';
import { connectClient, startHub } from './support/hub.js';
import { tempRoot, write } from './support/temp-root.js';

const versionOf = (url: string | undefined) => url?.split('?v=')[1];

describe('stylesheet @import partials', () => {
  it('reloads the importing sheet, with a new version and the import chain as its cause, when a partial is saved', async () => {
    const root = await tempRoot({
      'styles/main.css': '@import "partials/q.css";\nbody { margin: 0 }',
      'styles/partials/q.css': '@import url("deep/r.css") screen;\n.q { color: red }',
      'styles/partials/deep/r.css': '.r { color: red }',
      'styles/other.css': '.o {}',
    });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const before = hub.artifacts('style').find((a) => a.id === 'main.css')!;

    await write(root, 'styles/partials/q.css', '@import url("deep/r.css") screen;\n.q { color: blue }');
    const main = await eventually(() => {
      const event = client.reloaded.find((e) => e.id === 'main.css');
      expect(event).toBeDefined();
      return event!;
    });
    expect(main.cause).toEqual({ file: 'styles/partials/q.css', chain: ['styles/partials/q.css', 'styles/main.css'] });
    expect(versionOf(main.url)).not.toBe(before.source.version);
    expect(client.reloaded.map((e) => e.id).sort()).toEqual(['main.css', 'partials/q.css']);

    // Two levels down: both importers reload, each with its own chain.
    await write(root, 'styles/partials/deep/r.css', '.r { color: blue }');
    await eventually(() => expect(client.reloaded.filter((e) => e.cause?.file === 'styles/partials/deep/r.css')).toHaveLength(3));
    const chains = client.reloaded.filter((e) => e.cause?.chain).map((e) => e.cause!.chain!.join(' > '));
    expect(chains).toContain('styles/partials/deep/r.css > styles/partials/q.css > styles/main.css');
    expect(client.failed).toEqual([]);
  });

  it('refuses the importers while a partial does not parse, then reloads them once it is fixed', async () => {
    const root = await tempRoot({ 'styles/main.css': "@import 'q.css';", 'styles/q.css': '.q { color: red }' });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const good = hub.artifacts('style').find((a) => a.id === 'main.css')!.source.version;

    await write(root, 'styles/q.css', '.q { color: ');
    await eventually(() => expect(client.failed.map((e) => e.id).sort()).toEqual(['main.css', 'q.css']));
    const refused = client.failed.find((e) => e.id === 'main.css')!;
    expect(refused.error).toMatchObject({ file: 'styles/q.css', message: expect.stringContaining('@imports was refused') });
    expect(client.reloaded).toEqual([]);
    // The hub still answers and main.css keeps its last good version.
    expect(hub.artifacts('style').find((a) => a.id === 'main.css')!.source.version).toBe(good);
    expect((await fetch(`${hub.url}/assets/style/main.css`)).status).toBe(200);

    await write(root, 'styles/q.css', '.q { color: green }');
    await eventually(() => expect(client.reloaded.map((e) => e.id).sort()).toEqual(['main.css', 'q.css']));
  });

  it('ignores imports it cannot map to a file: packages, server paths, other origins', async () => {
    const root = await tempRoot({
      'styles/main.css': '@import "tailwindcss";\n@import "/css/x.css";\n@import url(https://fonts.example/f.css);\n.a {}',
    });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'styles/main.css', '@import "tailwindcss";\n.a { color: red }');
    await eventually(() => expect(client.reloaded.map((e) => e.id)).toEqual(['main.css']));
    expect(client.failed).toEqual([]);
  });
});
