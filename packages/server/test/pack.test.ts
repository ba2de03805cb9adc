import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it, onTestFinished } from 'vitest';
import { listeningUrl, runCliAt } from './support/cli.js';
import { tempRoot } from './support/temp-root.js';

const exec = promisify(execFile);
const packageDir = new URL('..', import.meta.url).pathname;

it('runs from an npm-packed tarball installed in an empty folder', { timeout: 180_000 }, async () => {
  const work = await mkdtemp(join(tmpdir(), 'hothub-pack-'));
  onTestFinished(() => rm(work, { recursive: true, force: true }));
  await exec('npm', ['pack', '--pack-destination', work], { cwd: packageDir });
  const tarball = (await readdir(work)).find((f) => f.endsWith('.tgz'))!;
  const app = join(work, 'app');
  await exec('mkdir', ['-p', app]);
  await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true }');
  await exec('npm', ['install', '--no-audit', '--no-fund', join(work, tarball)], { cwd: app });

  const root = await tempRoot({ 'styles/main.css': 'a{}' });
  const run = runCliAt(join(app, 'node_modules/.bin/hothub'), ['--root', root, '--port', '0']);
  const url = await listeningUrl(run);
  expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a{}');
  expect((await fetch(`${url}/hothub/client.js`)).status).toBe(200);
  const types = await exec('ls', [join(app, 'node_modules/hothub/dist/index.d.ts'), join(app, 'node_modules/hothub/dist/vite.d.ts')]);
  expect(types.stdout).toContain('index.d.ts');
  expect(types.stdout).toContain('vite.d.ts');
  // The Vite plugin entry resolves through the package's exports, with no vite installed.
  const plugin = await exec(process.execPath, ['--input-type=module', '-e', "import hothub from 'hothub/vite'; const p = hothub(); console.log(p.name, p.apply, typeof p.configureServer)"], { cwd: app });
  expect(plugin.stdout.trim()).toBe('hothub serve function');
});
