import { type Connected, SOCKET_PATH } from '@hothub/shared';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createLogger } from '../src/util/log.js';
import { startHub } from './support/hub.js';
import { rawGet } from './support/raw-http.js';
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
    expect(await attempt(hub.url!, { token: 42 })).toEqual({ refused: expect.stringMatching(/^invalid handshake at token/) });
    expect(await attempt(hub.url!, { token: TOKEN })).toMatchObject({ connected: { serverId: hub.serverId } });
    expect(await attempt(hub.url!, { token: TOKEN }, { transports: ['polling'] })).toMatchObject({ connected: {} });
  });

  it('lets anyone connect when no token is set', async () => {
    const hub = await startHub({ root: await tempRoot() });
    expect(await attempt(hub.url!, {})).toMatchObject({ connected: { serverId: hub.serverId } });
  });

  it('with a token: the right token and an invalid subscription is refused for the subscription, not as unauthorized', async () => {
    const hub = await startHub({ root: await tempRoot(), token: TOKEN });
    const outcome = await attempt(hub.url!, { token: TOKEN, subscribe: { kinds: ['nope'] } });
    expect(outcome).toEqual({ refused: expect.stringMatching(/^invalid handshake at subscribe\.kinds/) });
    expect(await attempt(hub.url!, { subscribe: { kinds: ['style'] } })).toEqual({ refused: expect.stringMatching(/^unauthorized: send the hub token/) });
    expect(await attempt(hub.url!, { token: TOKEN, subscribe: { kinds: ['style'] } })).toMatchObject({ connected: {} });
  });
});

describe('socket handshake origin', () => {
  for (const transport of ['websocket', 'polling']) {
    it(`refuses a page of a foreign origin over ${transport}, accepts loopback pages and --cors-origin values`, async () => {
      const hub = await startHub({ root: await tempRoot(), corsOrigins: ['http://app.test'] });
      const transports = [transport];
      expect(await attempt(hub.url!, {}, { origin: 'http://evil.example', transports })).toHaveProperty('refused');
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:1234', 'http://[::1]:3000', 'http://app.test']) {
        expect(await attempt(hub.url!, {}, { origin, transports }), origin).toMatchObject({ connected: { serverId: hub.serverId } });
      }
      expect(await attempt(hub.url!, {}, { transports }), 'no Origin: not a browser').toMatchObject({ connected: {} });
    });
  }

  it('answers the refused handshake 403 with the hint, logs it once, and keeps serving', async () => {
    const logged: string[] = [];
    const hub = await startHub({ root: await tempRoot({ 'styles/main.css': 'a{}' }), logger: createLogger({ level: 'warn', write: (line) => logged.push(line) }) });
    const path = `${SOCKET_PATH}/?EIO=4&transport=polling`;
    for (let i = 0; i < 3; i++) {
      const refused = await rawGet(hub.url!, path, { origin: 'http://evil.example' });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toEqual({ code: 4, message: expect.stringContaining('--cors-origin http://evil.example') });
    }
    const upgrade = await rawGet(hub.url!, `${SOCKET_PATH}/?EIO=4&transport=websocket`, { origin: 'http://evil.example' }, { upgrade: true });
    expect(upgrade.status).toBe(400);
    expect(logged.filter((line) => line.includes('socket refused: origin http://evil.example'))).toHaveLength(1);
    expect(await attempt(hub.url!, {}, { origin: 'http://localhost:5173' })).toMatchObject({ connected: {} });
    expect((await fetch(`${hub.url}/assets/style/main.css`)).status).toBe(200);
  });
});
