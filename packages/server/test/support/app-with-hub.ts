import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import { SOCKET_PATH, type Reloaded } from '@hothub/shared';
import { io } from 'socket.io-client';
import { onTestFinished } from 'vitest';
import type { Hub } from '../../src/index.js';
import { write } from './temp-root.js';

/** Starts `hub` (attached to the app's `server`, http or https), then the server on a free loopback port; both stop when the test finishes. */
export async function listenWithHub(server: Server, hub: Hub): Promise<string> {
  await hub.start();
  return listenOnLoopback(server, () => hub.stop());
}

/**
 * Listens on a free loopback port until the current test finishes, then closes (`beforeClose` first: a hub
 * attached to the server stops before it). Resolves with its URL, `https://` for a TLS server.
 */
export async function listenOnLoopback(server: Server, beforeClose?: () => Promise<void>): Promise<string> {
  onTestFinished(async () => {
    await beforeClose?.();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `${server instanceof TlsServer ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Connects a socket to the hub at `url` (https: any certificate), saves `styles/main.css` under `root` and resolves with the `reloaded` it gets. */
export async function reloadOverSocket(url: string, root: string): Promise<Reloaded> {
  const socket = io(url, { path: SOCKET_PATH, transports: ['websocket'], rejectUnauthorized: false });
  onTestFinished(() => void socket.close());
  const reloaded = new Promise<Reloaded>((resolve) => socket.on('reloaded', resolve));
  await new Promise((resolve) => socket.on('connected', resolve));
  await write(root, 'styles/main.css', '.a { color: blue; }');
  return reloaded;
}
