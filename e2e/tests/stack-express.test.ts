import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createHub } from 'hothub';
import { expect, it, onTestFinished } from 'vitest';
import { listenOnLoopback } from '../support/app-server.js';
import { colourOf, openAppPage } from '../support/app-page.js';

/** An express app whose routes come after `app.use(mount, hub.middleware())`, on its own server. */
async function expressApp(mount: string): Promise<{ url: string; root: string }> {
  const root = await mkdtemp(join(tmpdir(), 'hothub-e2e-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'styles'));
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 2, 3); }');
  const app = express();
  const server = createServer(app);
  const hub = createHub({ root, server, logLevel: 'warn' });
  app.use(mount, hub.middleware());
  const prefix = mount === '/' ? '' : mount;
  app.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html><link rel="stylesheet" href="${prefix}/assets/style/main.css"><h1 class="title">app</h1><script src="${prefix}/hothub/client.js"></script>`);
  });
  app.get('/about', (_req, res) => void res.send('the app about page'));
  await hub.start();
  return { url: await listenOnLoopback(server, () => hub.stop()), root };
}

for (const mount of ['/', '/hot']) {
  it(`express middleware at ${mount}: the app's routes still answer, the SDK connects and a stylesheet save applies`, async () => {
    const { url, root } = await expressApp(mount);
    const page = await openAppPage(`${url}/`);
    expect(await page.locator('h1').textContent()).toBe('app');
    const about = await page.context().request.get(`${url}/about`);
    expect(await about.text()).toBe('the app about page');
    expect(await colourOf(page, '.title')).toBe('rgb(1, 2, 3)');
    await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(4, 5, 6); }');
    await expect.poll(() => colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
  });
}
