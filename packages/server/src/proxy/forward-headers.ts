import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and never cross a proxy. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

/** `headers` without hop-by-hop ones (those the `Connection` header names included). */
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = (headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase());
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.includes(name) && !named.includes(name)) kept[name] = value;
  }
  return kept;
}

/** What the app receives: the browser's headers for the app's own `Host`, and where the request really came from. */
export function requestHeaders(headers: IncomingHttpHeaders, target: URL, secure: boolean): OutgoingHttpHeaders {
  return {
    ...endToEnd(headers),
    host: target.host,
    'x-forwarded-host': headers.host,
    'x-forwarded-proto': secure ? 'https' : 'http',
  };
}

/**
 * A `Location` that points at the app's origin, moved to the hub's (`http://localhost:3000/login` →
 * `http://127.0.0.1:8888/login`), so a redirect keeps the browser on the proxy; any other is kept.
 */
export function rewriteLocation(location: string, target: URL, hubOrigin: string): string {
  if (!URL.canParse(location)) return location;
  const url = new URL(location);
  return url.origin === target.origin ? `${hubOrigin}${url.pathname}${url.search}${url.hash}` : location;
}
