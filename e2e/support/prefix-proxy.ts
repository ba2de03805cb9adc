import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * A reverse proxy that serves the hub under `prefix` (`/dev/hothub/client.js` → hub `/hothub/client.js`),
 * WebSocket upgrades included, and the app's own pages everywhere else.
 */
export async function startPrefixProxy(hubUrl: string, prefix: string, pages: Record<string, string>): Promise<string> {
  const hub = new URL(hubUrl);
  const strip = (path: string) => path.slice(prefix.length) || '/';
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (!path.startsWith(`${prefix}/`)) {
      const page = pages[path];
      return void (page ? res.writeHead(200, { 'content-type': 'text/html' }).end(page) : res.writeHead(404).end());
    }
    const upstream = request({ host: hub.hostname, port: hub.port, method: req.method, path: strip(path), headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(Number(hub.port), hub.hostname, () => {
      const headers = Object.entries(req.headers).map(([name, value]) => `${name}: ${String(value)}`);
      upstream.write(`${req.method} ${strip(req.url ?? '/')} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy is not listening');
  return `http://127.0.0.1:${address.port}`;
}
