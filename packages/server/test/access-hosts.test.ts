import { SOCKET_PATH } from '@hothub/shared';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseCliArgs } from '../src/cli/args.js';
import { readSettingsEnv } from '../src/options/settings-env.js';
import { startHub } from './support/hub.js';
import { rawGet } from './support/raw-http.js';
import { tempRoot } from './support/temp-root.js';

const FILES = { 'styles/main.css': 'a{}' };

/** The error code of a JSON answer. */
const codeOf = (body: string): unknown => (JSON.parse(body) as { error: { code: unknown } }).error.code;

describe('Host check (DNS rebinding guard)', () => {
  it('answers Host: evil.example with 403 host_not_allowed on every route, and still serves loopback', async () => {
    const hub = await startHub({ root: await tempRoot(FILES) });
    for (const path of ['/status', '/health', '/assets/style/main.css', '/hothub/client.js', '/reload/history', '/nope']) {
      const answer = await rawGet(hub.url!, path, { host: 'evil.example' });
      expect(answer.status, path).toBe(403);
      expect(codeOf(answer.body), path).toBe('host_not_allowed');
      expect(answer.body, path).toContain('--allowed-host evil.example');
    }
    const port = new URL(hub.url!).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `app.localhost:${port}`, `192.168.1.20:${port}`, 'localhost']) {
      expect((await rawGet(hub.url!, '/assets/style/main.css', { host })).status, host).toBe(200);
    }
  });

  it('refuses the socket handshake of Host: evil.example over polling and WebSocket, with the hint', async () => {
    const hub = await startHub({ root: await tempRoot(FILES) });
    const polling = await rawGet(hub.url!, `${SOCKET_PATH}/?EIO=4&transport=polling`, { host: 'evil.example' });
    expect(polling.status).toBe(403);
    expect(JSON.parse(polling.body)).toEqual({ code: 4, message: expect.stringContaining('--allowed-host evil.example') });
    const upgrade = await rawGet(hub.url!, `${SOCKET_PATH}/?EIO=4&transport=websocket`, { host: 'evil.example' }, { upgrade: true });
    expect(upgrade.status).toBe(400);
    const accepted = await rawGet(hub.url!, `${SOCKET_PATH}/?EIO=4&transport=websocket`, { host: new URL(hub.url!).host }, { upgrade: true });
    expect(accepted.status).toBe(101);
    expect(await connects(hub.url!, 'evil.example')).toBe(false);
    expect(await connects(hub.url!, undefined)).toBe(true);
  });

  it('--allowed-host adds a name; .example.com adds it and its subdomains; all turns the check off', async () => {
    const named = await startHub({ root: await tempRoot(FILES), allowedHosts: ['dev.example.com', '.team.test'] });
    const status = (url: string, host: string) => rawGet(url, '/assets/style/main.css', { host }).then((a) => a.status);
    expect(await status(named.url!, 'dev.example.com:8888')).toBe(200);
    expect(await status(named.url!, 'DEV.example.com')).toBe(200);
    expect(await status(named.url!, 'team.test')).toBe(200);
    expect(await status(named.url!, 'a.b.team.test')).toBe(200);
    expect(await status(named.url!, 'example.com')).toBe(403);
    expect(await status(named.url!, 'dev.example.com.evil.example')).toBe(403);
    expect(await status(named.url!, 'evilteam.test')).toBe(403);
    expect(await connects(named.url!, 'dev.example.com')).toBe(true);
    const open = await startHub({ root: await tempRoot(FILES), allowedHosts: ['all'] });
    expect(await status(open.url!, 'evil.example')).toBe(200);
  });

  it('reads --allowed-host and HOTHUB_ALLOWED_HOST; refuses a value that is not a host name, naming the fix', () => {
    expect(parseCliArgs(['--allowed-host', 'a.test', '--allowed-host', '.b.test']).settings.allowedHosts).toEqual(['a.test', '.b.test']);
    expect(readSettingsEnv({ HOTHUB_ALLOWED_HOST: 'a.test, all' }).allowedHosts).toEqual(['a.test', 'all']);
    expect(() => parseCliArgs(['--allowed-host', 'http://dev.example.com'])).toThrow(/^invalid --allowed-host.*host name such as dev\.example\.com/);
    expect(() => readSettingsEnv({ HOTHUB_ALLOWED_HOST: 'a b' })).toThrow(/allowedHosts/);
  });
});

/** Whether a socket.io client sending `Host: host` (default: the hub's) gets `connected`. */
function connects(url: string, host: string | undefined): Promise<boolean> {
  // WebSocket: the polling transport's XMLHttpRequest drops a Host header.
  const socket = io(url, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false, ...(host ? { extraHeaders: { host } } : {}) });
  onTestFinished(() => void socket.close());
  return new Promise((resolve) => {
    socket.on('connected', () => resolve(true));
    socket.on('connect_error', () => resolve(false));
  });
}
