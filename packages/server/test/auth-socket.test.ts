import { type Connected, SOCKET_PATH } from '@hothub/shared';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const TOKEN = 'socket-token-0123456789';

type Outcome = { connected: Connected } | { refused: string };

/** Connects with the given handshake auth and extra options; resolves with `connected` or the refusal. */
function attempt(url: string, auth: Record<string, unknown>, options: { origin?: string; transports?: string[] } = {}): Promise<Outcome> {
  const socket = io(url, {
    path: SOCKET_PATH,
    transports: options.transports ?? ['websocket'],
    auth,
    reconnection: false,
    ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
  });
  onTestFinished(() => void socket.close());
  return new Promise((resolve) => {
    socket.on('connected', (connected) => resolve({ connected }));
    socket.on('connect_error', (error) => resolve({ refused: error.message }));
  });
}

describe('socket handshake auth', () => {
  it('refuses a handshake without the token or with a wrong one, accepts the right one', async () => {
    const hub = await startHub({ root: await tempRoot(), token: TOKEN });
    expect(await attempt(hub.url!, {})).toEqual({ refused: expect.stringMatching(/^unauthorized: send the hub token/) });
    expect(await attempt(hub.url!, { token: `${TOKEN}!` })).toEqual({ refused: 'unauthorized: the token is not valid' });
    expect(await attempt(hub.url!, { token: 42 })).toEqual({ refused: expect.stringMatching(/^unauthorized/) });
    expect(await attempt(hub.url!, { token: TOKEN })).toMatchObject({ connected: { serverId: hub.serverId } });
    expect(await attempt(hub.url!, { token: TOKEN }, { transports: ['polling'] })).toMatchObject({ connected: {} });
  });

  it('lets anyone connect when no token is set', async () => {
    const hub = await startHub({ root: await tempRoot() });
    expect(await attempt(hub.url!, {})).toMatchObject({ connected: { serverId: hub.serverId } });
  });

  it('with --cors-origin, refuses a handshake from a browser page of another origin', async () => {
    const hub = await startHub({ root: await tempRoot(), corsOrigins: ['http://app.test'], token: TOKEN });
    expect(await attempt(hub.url!, { token: TOKEN }, { origin: 'http://app.test' })).toMatchObject({ connected: {} });
    expect(await attempt(hub.url!, { token: TOKEN }, { origin: 'http://evil.test' })).toHaveProperty('refused');
    expect(await attempt(hub.url!, { token: TOKEN }, { origin: 'http://evil.test', transports: ['polling'] })).toHaveProperty('refused');
  });
});
