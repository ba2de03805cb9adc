import { cp, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * The folder the demo runs in: `./hothub-demo`, copied from the package's `demo/` the first time,
 * so the user edits files of their own and the hub never writes into the installed package.
 */
export async function demoRoot(packageDemo: string, cwd = process.cwd()): Promise<{ root: string; copied: boolean }> {
  const root = resolve(cwd, 'hothub-demo');
  const exists = await stat(root).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!exists) await cp(packageDemo, root, { recursive: true, filter: (source) => !source.includes('.hothub') });
  return { root, copied: !exists };
}
