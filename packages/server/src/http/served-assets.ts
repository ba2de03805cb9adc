import { ASSETS_PATH } from '@hothub/shared';
import { Router } from 'express';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { KindFolders } from '../watch/kind-folders.js';
import { resolveAssetRequest } from './asset-request.js';

/**
 * `/assets/<kind>/<path>` of artifacts whose served form is built by their kind (a theme's CSS,
 * a component with versioned imports): the committed version, whatever is on disk now.
 * Anything else falls through to the plain assets router.
 */
export function servedAssetsRouter(pipeline: Pipeline, folders: KindFolders): Router {
  const router = Router();
  router.get(`${ASSETS_PATH}/:kind/*path`, async (req, res, next) => {
    const served = (await resolveAssetRequest(req, folders, pipeline))?.active?.served;
    if (!served) return next();
    res.set({ 'Cache-Control': 'no-cache', ETag: `"${served.version}"` });
    res.type(served.contentType).send(served.body);
  });
  return router;
}
