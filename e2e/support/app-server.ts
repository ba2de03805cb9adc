import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

/** The app's own web server, on another origin than the hub: path → [content type, body]. */
export async function startAppServer(routes: Record<string, [string, string | (() => string)]>): Promise<string> {
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (!route) return void res.writeHead(404).end();
    const [type, body] = route;
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(typeof body === 'string' ? body : body());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
