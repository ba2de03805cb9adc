import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A GET with headers fetch() will not send (`Host`), through node:http. With `upgrade: true` it asks
 * for a WebSocket upgrade and resolves with status 101 when the server accepts it.
 * @example
 * const answer = await rawGet(hub.url!, '/status', { host: 'evil.example' });
 */
export function rawGet(url: string, path: string, headers: Record<string, string>, options: { upgrade?: boolean } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const upgrade = options.upgrade
    ? { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' }
    : {};
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { ...upgrade, ...headers } });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
