import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { colourOf } from '../support/app-page.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

it('https with a self-signed certificate: the page loads over https and the SDK applies a save over wss', async () => {
  const { hub, root } = await startDemoHub({ https: true });
  expect(hub.url).toMatch(/^https:/);
  // Only this context accepts the self-signed certificate.
  const page = await newPage({ ignoreHTTPSErrors: true });
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  expect(sockets.some((url) => url.startsWith('wss://'))).toBe(true);
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
});
