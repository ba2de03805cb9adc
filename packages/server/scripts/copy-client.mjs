// The hub serves the browser SDK itself, so its bundles ship inside the hub's dist.
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const clientDist = dirname(require.resolve('@hothub/client/dist/client.js'));
await mkdir('dist/client', { recursive: true });
for (const file of ['client.js', 'client.mjs', 'client-ui.mjs']) await copyFile(join(clientDist, file), join('dist/client', file));
// The operator's console (`/hothub/console`) likewise.
const consoleDist = dirname(require.resolve('@hothub/console/dist/console.js'));
await mkdir('dist/console', { recursive: true });
for (const file of ['console.js', 'console.css']) await copyFile(join(consoleDist, file), join('dist/console', file));
