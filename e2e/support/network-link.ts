import { createServer, connect, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

export interface NetworkLink {
  /** `http://127.0.0.1:<port>`: the hub, reached through the link. */
  url: string;
  /** The network drops: open connections are reset and new ones refused until `restore()`. */
  cut(): void;
  restore(): void;
}

/** A TCP link between the page and the hub that a test can cut, like a dropped network. */
export async function startNetworkLink(hubUrl: string): Promise<NetworkLink> {
  const hub = new URL(hubUrl);
  const open = new Set<Socket>();
  let up = true;
  const server = createServer((client) => {
    if (!up) return void client.resetAndDestroy();
    const upstream = connect(Number(hub.port), hub.hostname);
    open.add(client).add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => {
    for (const socket of open) socket.destroy();
    server.close(() => resolve());
  }));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('link is not listening');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      up = false;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      up = true;
    },
  };
}
