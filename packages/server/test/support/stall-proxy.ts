import { connect, createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { onTestFinished } from 'vitest';

/** A TCP proxy in front of a local port whose traffic can be stopped, as a slow link or a dying machine stops it. */
export interface StallProxy {
  /** `redis://127.0.0.1:<proxy port>` */
  url: string;
  /** From now on nothing passes either way: what a client writes never reaches the server. */
  stall(): void;
}

/** Starts a proxy to `127.0.0.1:port` for the current test; it closes when the test finishes. */
export async function stallProxy(port: number): Promise<StallProxy> {
  let stalled = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => void (stalled || upstream.write(chunk)));
    upstream.on('data', (chunk: Buffer) => void (stalled || client.write(chunk)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    stall: () => void (stalled = true),
  };
}
