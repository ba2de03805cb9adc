import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../util/log.js';
import { endToEnd, requestHeaders, rewriteLocation } from './forward-headers.js';
import { decodableEncodings, decoderFor, injectTag } from './inject-script.js';

/** A request to the proxied app for what the browser asked. */
export function appRequest(target: URL, req: IncomingMessage, secure: boolean, headers = requestHeaders(req.headers, target, secure)) {
  const options: RequestOptions = { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers };
  return target.protocol === 'https:' ? httpsRequest(options) : httpRequest(options);
}

/** Only full HTML pages get the tag: not a HEAD, a 204/304 or a partial (206) answer. */
function isPage(req: Request, upstream: IncomingMessage): boolean {
  return req.method !== 'HEAD' && upstream.statusCode === 200 && /^text\/html\b/i.test(upstream.headers['content-type'] ?? '');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The page with the tag: decoded, injected and sent whole, so `Content-Length` is right and no stale `ETag` or encoding is left. */
async function sendPage(upstream: IncomingMessage, res: Response, headers: ReturnType<typeof endToEnd>, tag: string): Promise<void> {
  const decoder = decoderFor(upstream.headers['content-encoding']);
  const body = await readAll(decoder ? upstream.pipe(decoder) : upstream);
  // latin1 maps each byte to one char and back: the page's own bytes (any charset) go out unchanged.
  const page = Buffer.from(injectTag(body.toString('latin1'), tag), 'latin1');
  delete headers['content-encoding'];
  delete headers['content-length'];
  // The body differs from what the app's validator names; a weak one would still let a stale page match.
  delete headers.etag;
  res.writeHead(upstream.statusCode ?? 200, { ...headers, 'content-length': page.length }).end(page);
}

/**
 * Proxy mode's fallback: every request the hub does not answer goes to the app at `target`; HTML pages
 * come back with `tag` (the SDK) added, redirects to the app's origin are moved to the hub's.
 */
export function proxyRequests(target: URL, tag: string, log: Logger): RequestHandler {
  return (req, res) => {
    const secure = req.protocol === 'https';
    const headers = requestHeaders(req.headers, target, secure);
    headers['accept-encoding'] = decodableEncodings(req.headers['accept-encoding']);
    if (headers['accept-encoding'] === undefined) delete headers['accept-encoding'];
    const outgoing = appRequest(target, req, secure, headers);
    outgoing.on('response', (upstream) => {
      const answer = endToEnd(upstream.headers);
      const location = upstream.headers.location;
      if (location !== undefined) answer.location = rewriteLocation(location, target, `${req.protocol}://${req.get('host') ?? target.host}`);
      if (!isPage(req, upstream)) {
        res.writeHead(upstream.statusCode ?? 502, answer);
        upstream.pipe(res);
        return;
      }
      sendPage(upstream, res, answer, tag).catch((error: unknown) => {
        log.warn(`could not add the hothub script to ${req.originalUrl}: ${String(error)}`);
        if (res.headersSent) res.destroy();
        else res.status(502).type('text').send(`hothub could not read the page ${req.originalUrl} from ${target.origin}: ${String(error)}`);
      });
    });
    outgoing.on('error', (error) => {
      if (res.headersSent) return void res.destroy();
      res.status(502).type('text').send(`hothub could not reach the app at ${target.origin} (${error.message}): start it, or point --proxy at the port it listens on`);
    });
    req.pipe(outgoing);
  };
}
