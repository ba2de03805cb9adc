import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT_PATH } from '@hothub/shared';
import { type Request, type RequestHandler, Router } from 'express';
import type { HubOps } from '../ops/hub-ops.js';

/** Where a hub's own page lives, whatever else is mounted at `/`. */
export const INFO_PAGE_PATH = '/hothub/';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:13px ui-monospace,monospace;background:#f3f3f3;border-radius:4px}pre{padding:.75rem;overflow-x:auto}
td{padding:.1rem .75rem .1rem 0}.missing{color:#a33}`;

// No script at all and one known inline sheet: the page passes the strictest CSP an app could ask for.
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The hub's URL as this browser reaches it (its `Host` passed the Host check), under any mount. */
function hubUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
}

function render(req: Request, ops: HubOps): string {
  // With a token, folders are a guarded read (as in /status): the page leaves them out.
  const status = ops.status({ details: ops.settings.token === undefined });
  const base = hubUrlOf(req);
  const tag = `<script src="${base}${CLIENT_SCRIPT_PATH}"></script>`;
  const folders = status.watchDirs
    ? `<table>${status.watchDirs
        .map((f) => `<tr><td>${f.kind}</td><td><code>${escapeHtml(f.dir)}</code></td><td${f.exists ? '>' : ' class="missing">missing: watched once created'}</td></tr>`)
        .join('')}</table>`
    : '<p>Folders are listed with the token: <code>GET /status</code> with <code>Authorization: Bearer …</code>.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hothub</title><style>${STYLE}</style></head><body>
<h1>hothub ${escapeHtml(status.version)}</h1>
<p>Add this tag to your page; every save below reaches it in milliseconds:</p>
<pre>${escapeHtml(tag)}</pre>
<h2>Watched</h2>${folders}
<p>Connected pages: <strong id="connections">${status.connections}</strong>. <a href="${escapeHtml(req.baseUrl)}/status">/status</a> (JSON)</p>
</body></html>`;
}

/** The hub's own HTML page: what it watches, the tag to paste with its real URL, the connected pages, a link to `/status`. */
export function infoPage(ops: HubOps): RequestHandler {
  return (req, res) => {
    res.set({ 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.type('html').send(render(req, ops));
  };
}

/** `GET /hothub/` in the hub's routes: the page is there under any mount. */
export function infoPageRouter(ops: HubOps): Router {
  const router = Router();
  router.get(INFO_PAGE_PATH, infoPage(ops));
  return router;
}
