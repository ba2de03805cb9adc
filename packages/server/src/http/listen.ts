import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Server as TlsServer } from 'node:tls';
import type { TlsCredentials } from './https-cert.js';

export class PortInUseError extends Error {
  constructor(readonly port: number, readonly host: string) {
    super(`port ${port} on ${host} is already in use; pick another with --port N, or use --port 0 for a free one`);
    this.name = 'PortInUseError';
  }
}

/**
 * Timeouts of the servers the hub creates (never of an embedding app's server). A client that sends
 * its headers slowly (slowloris) is answered 408 and closed after `headersTimeoutMs`; Node checks
 * every `checkIntervalMs` (its default, 30 s, would let such a client hold a connection for longer).
 */
export interface ServerTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  checkIntervalMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, checkIntervalMs: 1_000 };

/** An HTTP server (HTTPS with `tls`) listening on `host:port`; a taken port rejects with `PortInUseError`. */
export async function listen(handler: RequestListener, port: number, host: string, timeouts = SERVER_TIMEOUTS, tls?: TlsCredentials): Promise<HttpServer> {
  const options = {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
  };
  const http: HttpServer = tls ? createHttpsServer({ ...options, ...tls }, handler) : createServer(options, handler);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host) : error);
    http.once('error', onError);
    http.listen(port, host, () => {
      http.off('error', onError);
      resolve();
    });
  });
  return http;
}

/** `http://host:port` (`https://` for an `https.Server` an app attached the hub to) of a listening server, undefined before it listens. */
export function urlOf(http: HttpServer): string | undefined {
  const address = http.address();
  if (address === null || typeof address === 'string') return undefined;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // https.Server is a tls.Server that also speaks HTTP: pages must be told the scheme it really serves.
  const scheme = http instanceof TlsServer ? 'https' : 'http';
  return `${scheme}://${shownHost}:${address.port}`;
}
