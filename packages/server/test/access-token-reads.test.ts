import { HubStatus, ReloadHistory, SOCKET_PATH } from '@hothub/shared';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { expectError, json } from './support/api.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const TOKEN = 'reads-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('with --token, reads that carry paths or content need it', () => {
  it('guards /reload/history, /wizards, /plugins and the folders in /status; /health, /metrics and /openapi.json stay open', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a{}' });
    const hub = await startHub({ root, token: TOKEN, corsOrigins: ['http://app.test'], allowedHosts: ['dev.example.com'] });
    for (const path of ['/reload/history', '/wizards', '/plugins']) {
      await expectError(await fetch(`${hub.url}${path}`), 401, 'unauthorized');
      await expectError(await fetch(`${hub.url}${path}`, { headers: { authorization: 'Bearer wrong' } }), 403, 'forbidden');
      expect((await fetch(`${hub.url}${path}`, { headers: auth })).status, path).toBe(200);
    }
    expect((await json(await fetch(`${hub.url}/reload/history`, { headers: auth }), ReloadHistory)).events).toHaveLength(1);

    const summary = await json(await fetch(`${hub.url}/status`), HubStatus);
    expect(summary.watchDirs).toBeUndefined();
    expect(JSON.stringify(summary)).not.toContain(root);
    expect(summary.access).toEqual({ loopbackOrigins: true, origins: ['http://app.test'], allowedHosts: ['dev.example.com'], hostCheck: true, token: true });
    await expectError(await fetch(`${hub.url}/status`, { headers: { authorization: 'Bearer wrong' } }), 403, 'forbidden');
    const detailed = await json(await fetch(`${hub.url}/status`, { headers: auth }), HubStatus);
    expect(detailed.watchDirs).toContainEqual({ kind: 'style', dir: `${root}/styles`, exists: true, watcher: 'native' });

    for (const path of ['/health', '/metrics', '/openapi.json']) expect((await fetch(`${hub.url}${path}`)).status, path).toBe(200);
  });

  it('sends the socket catch-up only after the token: a socket without it is refused before any event', async () => {
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': 'a{}' }), token: TOKEN });
    const socket = io(hub.url!, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false, auth: { lastSeq: 0 } });
    onTestFinished(() => void socket.close());
    const received: string[] = [];
    socket.onAny((name: string) => received.push(name));
    const refusal = await new Promise<string>((resolve) => socket.on('connect_error', (error) => resolve(error.message)));
    expect(refusal).toMatch(/^unauthorized/);
    expect(received).toEqual([]);
  });

  it('without a token: everything readable, /status shows the open policy', async () => {
    const hub = await startHub({ root: await tempRoot(), allowedHosts: ['all'] });
    const status = await json(await fetch(`${hub.url}/status`), HubStatus);
    expect(status.watchDirs).toBeDefined();
    expect(status.access).toEqual({ loopbackOrigins: true, origins: [], allowedHosts: ['all'], hostCheck: false, token: false });
    expect((await fetch(`${hub.url}/reload/history`)).status).toBe(200);
  });
});
