import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { listeningUrl, runCli } from './support/cli.js';
import { rawGet } from './support/raw-http.js';
import { tempRoot } from './support/temp-root.js';

describe('CLI on every interface (--host 0.0.0.0)', () => {
  it('lists its LAN URLs and the Host names it answers, and refuses other names', async () => {
    const run = runCli(['--root', await tempRoot({ 'styles/a.css': 'a{}' }), '--port', '0', '--host', '0.0.0.0', '--allowed-host', 'dev.example.com']);
    const url = await listeningUrl(run);
    const { port } = new URL(url);
    const lan = Object.values(networkInterfaces()).flat().filter((a) => a?.family === 'IPv4' && !a.internal);
    for (const address of lan) expect(run.stdout()).toContain(`  on your network: http://${address!.address}:${port}\n`);
    expect(run.stdout()).toContain('  answers Host: localhost, IP addresses, dev.example.com; add a name with --allowed-host NAME\n');
    expect((await rawGet(url, '/assets/style/a.css', { host: `dev.example.com:${port}` })).status).toBe(200);
    expect((await rawGet(url, '/assets/style/a.css', { host: `evil.example:${port}` })).status).toBe(403);
  });

  it('prints no network lines on loopback, and says loudly when --allowed-host all turns the check off', async () => {
    const local = runCli(['--root', await tempRoot(), '--port', '0']);
    await listeningUrl(local);
    expect(local.stdout()).not.toMatch(/on your network|answers/);
    const open = runCli(['--root', await tempRoot(), '--port', '0', '--host', '0.0.0.0'], { HOTHUB_ALLOWED_HOST: 'all' });
    await listeningUrl(open);
    expect(open.stdout()).toContain('answers any Host (--allowed-host all): unsafe');
  });
});
