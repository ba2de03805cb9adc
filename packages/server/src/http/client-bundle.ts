import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Folder holding the browser SDK bundles: `dist/client/` beside the built hub,
 * or the workspace's client package when running from source (tests).
 */
export function clientBundleDir(): string {
  return bundleDir('client', '@hothub/client/dist/client.js');
}

/**
 * Folder of a browser bundle the hub serves: `dist/<folder>/` beside the built hub when it holds
 * `file`'s name, else the dist of the workspace package that builds it (running from source: tests).
 */
export function bundleDir(folder: string, file: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const shipped = join(here, folder);
  if (existsSync(join(shipped, file.slice(file.lastIndexOf('/') + 1)))) return shipped;
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(file));
}
