import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { accessPolicy } from '../access/access-policy.js';
import type { HubOps } from '../ops/hub-ops.js';
import { hostCheck } from './host-check.js';
import { errorHandler, notFoundHandler } from './http-error.js';
import { infoPage } from './info-page.js';

export interface StandaloneOptions {
  root: string;
  ops: HubOps;
  /** What answers paths the hub does not own (proxy mode: the proxied app); default a JSON 404. */
  fallback?: RequestHandler;
  /** Where the hub's routes are (proxy mode keeps them under `/__hothub`); default `/`. */
  mount?: string;
}

/**
 * What the hub's own server answers: the hub's routes, then the proxied app (proxy mode), or else `/` (the root's
 * `index.html` when it has one, as the demo app does, else the hub's page) and a JSON 404. An app mounting `hub.app` gets none of
 * these: its own routes answer whatever the hub does not.
 */
export function standaloneApp(hubApp: Express, options: StandaloneOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Every path of the hub's own server, the proxied app's included, is the hub's to guard against DNS rebinding.
  app.use(hostCheck(accessPolicy(options.ops.settings)));
  app.use(options.mount ?? '/', hubApp);
  if (options.fallback) {
    app.use(options.fallback);
  } else {
    const page = join(options.root, 'index.html');
    const info = infoPage(options.ops);
    app.get('/', (req, res, next) => {
      if (!existsSync(page)) return info(req, res, next);
      res.set('Cache-Control', 'no-cache').sendFile(page);
    });
    app.use(notFoundHandler);
  }
  app.use(errorHandler({ exposeStack: options.ops.settings.mode === 'dev' }));
  return app;
}
