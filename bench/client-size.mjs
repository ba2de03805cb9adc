// Size of the browser SDK bundles as the hub serves them: raw, gzip -9 and brotli, in bytes.
// Prints one JSON document; the budget for client.js is 25 KB (25,600 bytes) gzip, socket.io-client included.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 25 * 1024;
const require = createRequire(join(process.cwd(), 'packages/server/package.json'));
const dist = dirname(require.resolve('@hothub/client/dist/client.js'));

const sizes = {};
for (const file of ['client.js', 'client.mjs', 'client-ui.mjs']) {
  const bytes = await readFile(join(dist, file));
  sizes[file] = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const gzip = sizes['client.js'].gzip;
console.log(JSON.stringify({ bundles: sizes, budget: { file: 'client.js', gzip: BUDGET_GZIP, withinBudget: gzip <= BUDGET_GZIP } }, null, 2));
if (gzip > BUDGET_GZIP) process.exitCode = 1;
