import { join } from 'node:path';
import { type RequestHandler, Router } from 'express';
import { bundleDir } from './client-bundle.js';
import { escapeHtml } from './info-page.js';

/** Where the operator's console lives, whatever else is mounted at `/`. */
export const CONSOLE_PATH = '/hothub/console';

/** The console's own files (packages/console, built by vite): nothing else under its path is served. */
const FILES: ReadonlyMap<string, string> = new Map([
  ['console.js', 'text/javascript'],
  ['console.css', 'text/css'],
]);

// Its script and sheet only, from the hub itself: no inline code, no other origin. Its socket and API
// calls go to the hub ('self' covers ws: and wss: on the same host, CSP Level 3).
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HEADERS = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };

/**
 * `GET /hothub/console`: the operator's console, an empty page its script fills. The page itself
 * holds no data: with a token it asks for it and sends it with every API call and its socket.
 */
const page: RequestHandler = (req, res) => {
  const base = escapeHtml(req.baseUrl);
  res.set(HEADERS).type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hothub console</title>
<link rel="stylesheet" href="${base}${CONSOLE_PATH}/console.css"><script type="module" src="${base}${CONSOLE_PATH}/console.js"></script></head>
<body data-base="${base}"><main id="console"><p>Loading the console…</p></main></body></html>`);
};

/** The console's routes: the page, its script and its sheet. */
export function consolePageRouter(): Router {
  const router = Router();
  const dir = bundleDir('console', '@hothub/console/dist/console.js');
  router.get(CONSOLE_PATH, page);
  router.get(`${CONSOLE_PATH}/:file`, (req, res, next) => {
    const { file } = req.params;
    const type = FILES.get(file);
    if (!type) return next();
    res.set(HEADERS).type(type).sendFile(join(dir, file));
  });
  return router;
}
