import { join } from 'node:path';
import { expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

// Only folders below the root are ignored by name: a project inside `node_modules` (a package under
// development, a monorepo's installed app) or a `.git` worktree folder was ignored as a whole.
it.each(['node_modules', '.git'])('a root inside a folder named %s loads and reloads its files', async (ignored) => {
  const root = join(await tempRoot(), ignored, 'app');
  await write(root, 'styles/main.css', 'a { color: red }');
  await write(root, 'node_modules/lib/styles/x.css', 'b {}');
  const hub = await startHub({ root });
  const client = await connectClient(hub.url!);
  expect(hub.artifacts().map((artifact) => artifact.id)).toEqual(['main.css']);
  await write(root, 'styles/main.css', 'a { color: blue }');
  await eventually(async () => expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: blue }'));
  expect(client.reloaded.map((event) => event.id)).toEqual(['main.css']);
});
