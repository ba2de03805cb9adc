import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { onTestFinished } from 'vitest';

type Body = string | (() => string | Promise<string>);

export interface AppServerOptions {
  /** Sent with every answer, e.g. a `Content-Security-Policy`. */
  headers?: Record<string, string>;
  /** Paths no route names are files under this folder (the folder the hub watches, say). */
  root?: string;
}

const TYPES: Record<string, string> = { '.css': 'text/css', '.html': 'text/html', '.js': 'text/javascript', '.png': 'image/png' };

/** The app's own web server, on another origin than the hub: path → [content type, body]. */
export async function startAppServer(routes: Record<string, [string, Body]>, options: AppServerOptions = {}): Promise<string> {
  const answer = async (pathname: string): Promise<[string, string | Buffer] | undefined> => {
    const route = routes[pathname];
    if (route) return [route[0], typeof route[1] === 'string' ? route[1] : await route[1]()];
    if (!options.root) return undefined;
    const file = normalize(join(options.root, decodeURIComponent(pathname)));
    if (!file.startsWith(options.root + sep)) return undefined;
    try {
      return [TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file)];
    } catch {
      return undefined;
    }
  };
  const server = createServer((req, res) => {
    answer(new URL(req.url ?? '/', 'http://x').pathname).then(
      (found) => {
        if (!found) return void res.writeHead(404, options.headers).end();
        res.writeHead(200, { ...options.headers, 'content-type': found[0], 'cache-control': 'no-store' }).end(found[1]);
      },
      () => res.writeHead(500).end(),
    );
  });
  return listenOnLoopback(server);
}

/**
 * Listens on a free loopback port until the current test finishes, then closes (`beforeClose` first: a hub
 * attached to the server stops before it). Resolves with the server's URL.
 */
export async function listenOnLoopback(server: Server, beforeClose?: () => Promise<void>): Promise<string> {
  onTestFinished(async () => {
    await beforeClose?.();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
