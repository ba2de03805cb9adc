import { createRequire } from 'node:module';
import * as z from 'zod';

const PackageJson = z.object({ version: z.string() });

/** The hub's own version, read through the package's self-reference (works from `src/` and `dist/`). */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return PackageJson.parse(require('hothub/package.json')).version;
}
