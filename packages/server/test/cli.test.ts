import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listeningUrl, runCli } from './support/cli.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('hothub CLI', () => {
  it('prints the listening line and the folders, and never misses a save made right after it', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: red }' });
    const run = runCli(['--root', root, '--port', '0']);
    const url = await listeningUrl(run);
    await write(root, 'styles/main.css', 'a { color: green }');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.stdout()).toMatch(/style\s+\S+styles\n/);
    expect(run.stdout()).not.toMatch(/style.*missing/);
    await eventually(async () => expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a { color: green }'));
  });

  it('reports a missing folder once, as information, and keeps running', async () => {
    const root = await tempRoot();
    const run = runCli(['--root', root, '--port', '0']);
    await listeningUrl(run);
    expect(run.stdout().match(/styles \(missing/g)).toHaveLength(1);
    expect(run.child.exitCode).toBeNull();
  });

  it('fails with one clear line and exit code 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => void blocker.close());
    const port = (blocker.address() as AddressInfo).port;
    const run = runCli(['--root', await tempRoot(), '--port', String(port)]);
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stderr()).toContain(`port ${port}`);
    expect(run.stderr()).toContain('--port 0');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('shuts down cleanly on %s (exit 0, before the 2 s deadline exits 1)', async (signal) => {
    const run = runCli(['--root', await tempRoot({ 'styles/a.css': 'a{}' }), '--port', '0']);
    const url = await listeningUrl(run);
    const socketFree = await fetch(`${url}/hothub/client.js`);
    expect(socketFree.status).toBe(200);
    run.child.kill(signal);
    expect(await run.exited).toBe(0);
  });

  it('prints help and version', async () => {
    const help = runCli(['--help']);
    expect(await help.exited).toBe(0);
    for (const flag of ['--root', '--port', '--host', '--config', '--debounce', '--version']) expect(help.stdout()).toContain(flag);
    const version = runCli(['--version']);
    expect(await version.exited).toBe(0);
    expect(version.stdout().trim()).toBe(pkg.version);
  });

  it('rejects unknown flags and invalid values with a one-line error', async () => {
    const unknown = runCli(['--prot', '1']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr()).toMatch(/^hothub: .*--prot/);
    const invalid = runCli(['--port', '99999']);
    expect(await invalid.exited).toBe(1);
    expect(invalid.stderr()).toMatch(/^hothub: invalid --port/);
  });

  it('reads HOTHUB_* variables, and flags win over them', async () => {
    const fromEnv = await tempRoot({ 'styles/env.css': 'a{}' });
    const fromFlag = await tempRoot({ 'styles/flag.css': 'a{}' });
    const run = runCli(['--root', fromFlag], { HOTHUB_ROOT: fromEnv, HOTHUB_PORT: '0', HOTHUB_HOST: '127.0.0.1' });
    const url = await listeningUrl(run);
    expect((await fetch(`${url}/assets/style/flag.css`)).status).toBe(200);
    expect((await fetch(`${url}/assets/style/env.css`)).status).toBe(404);
  });

  it('takes folders per kind and settings from a YAML config file', async () => {
    const root = await tempRoot({ 'css/site.css': 'a{}', 'hothub.yaml': 'port: 0\ndirs:\n  style: css\n' });
    const run = runCli(['--config', `${root}/hothub.yaml`, '--root', root]);
    const url = await listeningUrl(run);
    expect(run.stdout()).toMatch(/style\s+\S+\/css\n/);
    expect((await fetch(`${url}/assets/style/site.css`)).status).toBe(200);
  });

  it('explains an invalid config file and exits 1', async () => {
    const root = await tempRoot({ 'bad.json': '{ "port": "eighty" }', 'broken.yaml': 'port: [' });
    const bad = runCli(['--config', `${root}/bad.json`]);
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toMatch(/config file .*bad\.json.* port/);
    const broken = runCli(['--config', `${root}/broken.yaml`]);
    expect(await broken.exited).toBe(1);
    expect(broken.stderr()).toMatch(/not valid YAML/);
  });
});

describe('--plugin-timeout', () => {
  it('bounds a plugin whose initialize never resolves, and rejects a value that is not a number', async () => {
    const root = await tempRoot({ 'plugins/stuck.js': 'export default { initialize: () => new Promise(() => {}), cleanup() {}, getStatus: () => ({ healthy: true }) };' });
    const run = runCli(['--root', root, '--port', '0', '--plugin-timeout', '50']);
    const url = await listeningUrl(run);
    expect(JSON.stringify(await (await fetch(`${url}/plugins`)).json())).toContain('did not settle within 50 ms');
    const fromEnv = runCli(['--root', root, '--port', '0'], { HOTHUB_PLUGIN_TIMEOUT: '60' });
    const envUrl = await listeningUrl(fromEnv);
    expect(JSON.stringify(await (await fetch(`${envUrl}/plugins`)).json())).toContain('did not settle within 60 ms');
    const invalid = runCli(['--plugin-timeout', 'soon']);
    expect(await invalid.exited).toBe(1);
    expect(invalid.stderr()).toMatch(/^hothub: invalid --plugin-timeout/);
  });
});

describe('hothub --demo', () => {
  it('copies the demo app to ./hothub-demo once and serves it: page, styles, component, themes, wizard, plugin, config', async () => {
    const cwd = await tempRoot();
    const run = runCli(['--demo', '--port', '0'], {}, { cwd });
    const url = await listeningUrl(run);
    expect(run.stdout()).toContain(`Copied the demo app to ${cwd}/hothub-demo`);
    expect(run.stdout()).toContain(`Open ${url}/ and edit ${cwd}/hothub-demo/styles/main.css`);
    await write(cwd, 'hothub-demo/styles/main.css', '.title { color: teal }');
    await eventually(async () => expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('.title { color: teal }'));
    expect(await (await fetch(`${url}/`)).text()).toContain('/hothub/client.js');
    const status = (await (await fetch(`${url}/status`)).json()) as { kinds: Record<string, { artifacts: number }> };
    for (const kind of ['style', 'component', 'theme', 'wizard', 'plugin', 'config']) {
      expect(status.kinds[kind]?.artifacts, kind).toBeGreaterThan(0);
    }
    expect(JSON.stringify(await (await fetch(`${url}/wizards`)).json())).toContain('greeting');
    expect(JSON.stringify(await (await fetch(`${url}/plugins`)).json())).toContain('clock');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const again = runCli(['--demo', '--port', '0'], {}, { cwd });
    const againUrl = await listeningUrl(again);
    expect(again.stdout()).not.toContain('Copied');
    expect(await (await fetch(`${againUrl}/assets/style/main.css`)).text()).toBe('.title { color: teal }');
  });
});
