import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { reloadOverSocket } from './support/app-with-hub.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

it('https: true serves https with a self-signed localhost certificate kept in .hothub/https/; a socket over wss receives a reload', async () => {
  const root = await tempRoot({ 'styles/main.css': '.a { color: red; }' });
  const hub = await startHub({ root, https: true });
  expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(existsSync(join(root, '.hothub/https/localhost-cert.pem'))).toBe(true);
  expect(await reloadOverSocket(hub.url!, root)).toMatchObject({ kind: 'style', id: 'main.css' });
});

it('refuses --cert without --key, and a missing certificate file, saying what to pass', async () => {
  const root = await tempRoot();
  await expect(startHub({ root, cert: join(root, 'cert.pem') })).rejects.toThrow(/--cert and --key go together/);
  await expect(startHub({ root, cert: join(root, 'c.pem'), key: join(root, 'k.pem') })).rejects.toThrow(/cannot read the --cert file .*c\.pem: ENOENT/);
});
