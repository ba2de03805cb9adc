import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { reloadOverSocket } from './support/app-with-hub.js';
import { listeningUrl, runCli } from './support/cli.js';
import { tempRoot } from './support/temp-root.js';

describe('CLI ways in (issue 14)', () => {
  it('prints the <script> tag to paste, with the real URL', async () => {
    const run = runCli(['--root', await tempRoot(), '--port', '0']);
    const url = await listeningUrl(run);
    expect(run.stdout()).toContain(`Add to your page: <script src="${url}/hothub/client.js"></script>\n`);
  });

  it('--https serves a self-signed certificate: https:// in every printed URL, and a wss socket receives a reload', async () => {
    const root = await tempRoot({ 'styles/main.css': '.a { color: red; }' });
    const run = runCli(['--root', root, '--port', '0', '--https']);
    const url = await listeningUrl(run);
    expect(url).toMatch(/^https:\/\//);
    expect(run.stdout()).toContain(`<script src="${url}/hothub/client.js">`);
    expect(await reloadOverSocket(url, root)).toMatchObject({ kind: 'style', id: 'main.css' });
  });

  it('--proxy serves the app with the SDK added and says so; a --proxy that is not an origin exits 1 naming the flag', async () => {
    const app = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<body>app</body>'));
    app.listen(0, '127.0.0.1');
    await once(app, 'listening');
    onTestFinished(() => new Promise<void>((resolve) => app.close(() => resolve())));
    const target = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const run = runCli(['--root', await tempRoot(), '--port', '0', '--proxy', target]);
    const url = await listeningUrl(run);
    expect(run.stdout()).toContain(`Proxying ${target}: open ${url}/`);
    expect(await (await fetch(`${url}/`)).text()).toBe('<body>app<script src="/__hothub/hothub/client.js"></script></body>');

    const bad = runCli(['--root', await tempRoot(), '--port', '0', '--proxy', 'localhost:3000/app']);
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toMatch(/invalid --proxy: must be an origin such as http:\/\/localhost:5173/);
  });

  it('--open with CI set opens nothing and says so', async () => {
    const run = runCli(['--root', await tempRoot(), '--port', '0', '--open'], { CI: 'true' });
    await listeningUrl(run);
    expect(run.stdout()).toMatch(/--open: not opening a browser \(CI is set\)/);
  });
});
