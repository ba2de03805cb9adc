import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Folder holding the browser SDK bundles: `dist/client/` beside the built hub,
 * or the workspace's client package when running from source (tests).
 */
export function clientBundleDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const shipped = join(here, 'client');
  if (existsSync(join(shipped, 'client.js'))) return shipped;
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@hothub/client/dist/client.js'));
}
