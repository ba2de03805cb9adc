import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SOCKET_PATH } from '@hothub/shared';
import { appRequest } from './proxy-request.js';

/** The raw head of a response, as it goes back to a browser whose upgrade the app answered. */
function head(res: IncomingMessage): string {
  const lines = [`HTTP/1.1 ${res.statusCode ?? 502} ${res.statusMessage ?? ''}`];
  for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Passes a WebSocket upgrade through to the app (its own live reload, a chat socket); the hub's socket
 * path is left to engine.io, which listens on the same server. `secure`: the hub serves https.
 */
export function proxyUpgrades(target: URL, secure: boolean): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, firstBytes) => {
    if ((req.url ?? '').startsWith(`${SOCKET_PATH}/`)) return;
    socket.on('error', () => socket.destroy());
    // The upgrade headers are hop-by-hop yet are the request here: only Host and X-Forwarded-* change.
    const headers = { ...req.headers, host: target.host, 'x-forwarded-host': req.headers.host, 'x-forwarded-proto': secure ? 'https' : 'http' };
    const outgoing = appRequest(target, req, secure, headers);
    outgoing.on('upgrade', (res, upstream, upstreamHead) => {
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
      socket.write(head(res));
      if (upstreamHead.length) socket.write(upstreamHead);
      if (firstBytes.length) upstream.write(firstBytes);
      upstream.pipe(socket).pipe(upstream);
    });
    // The app refused the upgrade: the browser gets its answer, then the connection closes.
    outgoing.on('response', (res) => {
      socket.end(head(res));
      res.resume();
    });
    outgoing.on('error', () => socket.destroy());
    outgoing.end();
  };
}
