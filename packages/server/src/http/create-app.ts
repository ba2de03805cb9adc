import express, { type Express } from 'express';
import type { HubConfig } from '../config/hub-config.js';
import type { Registry } from '../modules/module-registry.js';
import type { HubOps } from '../ops/hub-ops.js';
import type { KindVersions } from '../ops/kind-versions.js';
import type { EventLog } from '../pipeline/event-log.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { KindFolders } from '../watch/kind-folders.js';
import { accessPolicy } from '../access/access-policy.js';
import { assetsRouter } from './assets.js';
import { clientScriptRouter } from './client-script.js';
import { cors } from './cors.js';
import { hostCheck } from './host-check.js';
import { errorHandler, HttpError } from './http-error.js';
import { hubPathsOnly } from './hub-paths.js';
import { consolePageRouter } from './console-page.js';
import { infoPageRouter } from './info-page.js';
import { modulesRouter } from './modules.js';
import { opsRouter } from './ops-router.js';
import { pathSafety } from './path-safety.js';
import { rateLimit } from './rate-limit.js';
import { requireToken } from './auth.js';
import { rollbackRouter } from './rollback.js';
import { configUpdateRouter } from './config-update.js';
import { servedAssetsRouter } from './served-assets.js';

export interface AppContext {
  root: string;
  pipeline: Pipeline;
  folders: KindFolders;
  wizards: Registry<object>;
  plugins: Registry<object>;
  ops: HubOps;
  config: HubConfig;
  versions: KindVersions;
  /** The recent events: the states `POST /rollback { seq }` goes back to. */
  events: Pick<EventLog, 'since'>;
  /** `hub.stop()` was called: an app that mounted `hub.app` keeps it, and its paths answer 503. */
  stopped(): boolean;
}

/**
 * The hub's HTTP surface: SDK scripts, browser assets, the API and its page at `/hothub/`. Paths that are
 * not the hub's leave it untouched (`next()`), so an app can mount it anywhere, `/` included.
 */
export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(hubPathsOnly);
  app.use((_req, _res, next) => next(context.stopped() ? new HttpError(503, 'hub_stopped', 'this hub was stopped (hub.stop()): its paths no longer answer; start a new hub') : undefined));
  const access = accessPolicy(context.ops.settings);
  app.use(hostCheck(access));
  app.use(cors(access));
  app.use(pathSafety);
  // Before the JSON parser: these routes check rate limit, token or signature before reading a body.
  app.use(opsRouter(context.ops));
  app.use(rollbackRouter(context, [rateLimit(context.ops.settings.rateLimit), requireToken(context.ops.settings.token)]));
  app.use(configUpdateRouter(context.config, [rateLimit(context.ops.settings.rateLimit), requireToken(context.ops.settings.token)]));
  app.use(express.json({ limit: '1mb' }));
  app.use(clientScriptRouter());
  app.use(servedAssetsRouter(context.pipeline, context.folders));
  app.use(assetsRouter(context.pipeline, context.folders));
  app.use(modulesRouter(context.wizards, context.plugins, [requireToken(context.ops.settings.token)]));
  app.use(infoPageRouter(context.ops));
  app.use(consolePageRouter());
  app.use(errorHandler({ exposeStack: context.ops.settings.mode === 'dev' }));
  return app;
}
