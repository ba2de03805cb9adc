import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

describe('a project under a dot folder (~/.work/app)', () => {
  it('serves its assets and reloads them; dotfiles under the root stay refused', async () => {
    const home = await tempRoot({
      '.work/app/styles/main.css': 'a {}',
      '.work/app/styles/img/bg.svg': '<svg/>',
      '.work/app/styles/.env': 'KEY=1',
      '.work/app/components/.secret.js': 'export const key = "top secret";',
    });
    const root = join(home, '.work/app');
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const get = async (path: string) => {
      const response = await fetch(`${hub.url}/assets/${path}`);
      return { status: response.status, text: await response.text() };
    };
    expect(await get('style/main.css')).toEqual({ status: 200, text: 'a {}' });
    // Not artifacts: sent from disk, where the dotfile rule applies only to the path under the kind's folder.
    expect(await get('style/img/bg.svg')).toEqual({ status: 200, text: '<svg/>' });
    expect((await get('style/.env')).status).toBe(404);
    // A dot file in a kind folder is not an artifact either: never loaded, announced or served.
    expect((await get('component/.secret.js')).status).toBe(404);
    expect(hub.artifacts().map((artifact) => artifact.id)).toEqual(['main.css']);
    await write(root, 'components/.secret.js', 'export const key = "still secret";');
    await write(root, 'styles/main.css', 'a { color: red }');
    await eventually(() => expect(client.reloaded).toContainEqual(expect.objectContaining({ id: 'main.css', content: 'a { color: red }' })));
    expect(JSON.stringify(client.reloaded)).not.toContain('secret');
  });
});
