import { createServer } from 'node:net';

/** A free port on 127.0.0.1, found by binding port 0: for tools that need a fixed port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
