import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import hothub from 'hothub/vite';
import { createServer } from 'vite';
import { expect, it, onTestFinished } from 'vitest';
import { colourOf, openAppPage } from '../support/app-page.js';
import { counterSource } from '../support/counter.js';
import { DEMO_DIR } from '../support/demo-hub.js';

/** The demo app as a Vite app: no SDK tag of its own (the plugin adds it), and a CSS file main.js imports. */
async function viteApp(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'hothub-e2e-vite-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await cp(DEMO_DIR, root, { recursive: true });
  const html = (await readFile(join(root, 'index.html'), 'utf8'))
    .replace('<script src="/hothub/client.js"></script>', '<script type="module" src="/main.js"></script>')
    .replace('</main>', '<p class="vite-box">styled by Vite</p></main>');
  await writeFile(join(root, 'index.html'), html);
  await writeFile(join(root, 'main.js'), "import './vite.css';\n");
  await writeFile(join(root, 'vite.css'), '.vite-box { color: rgb(1, 1, 1); }\n');
  return root;
}

it("the Vite plugin: one origin, a theme save and a component save apply, and Vite's own CSS HMR still works on the same page", async () => {
  const root = await viteApp();
  const server = await createServer({ root, configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 }, plugins: [hothub({ logLevel: 'warn' })] });
  onTestFinished(() => server.close());
  await server.listen();
  const url = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`;
  const page = await openAppPage(`${url}/`);
  await page.evaluate(() => (window.marker = 'no reload'));
  expect(await page.evaluate(() => document.querySelectorAll('script[src="/hothub/client.js"]').length)).toBe(1);
  await page.locator('.counter').waitFor();

  await writeFile(join(root, 'themes/light.json'), JSON.stringify({ accent: 'rgb(1, 2, 3)' }));
  await expect.poll(() => colourOf(page, '.title')).toBe('rgb(1, 2, 3)');
  await writeFile(join(root, 'components/counter.js'), counterSource('From Vite:'));
  await expect.poll(() => page.evaluate(() => document.querySelector('.counter')?.textContent)).toBe('From Vite: 0');
  await writeFile(join(root, 'vite.css'), '.vite-box { color: rgb(7, 7, 7); }\n');
  await expect.poll(() => colourOf(page, '.vite-box')).toBe('rgb(7, 7, 7)');

  expect(await page.evaluate(() => window.marker)).toBe('no reload');
  expect(await page.evaluate(() => window.hothub?.connected)).toBe(true);
});
