import { resolve } from 'node:path';
import { ASSETS_PATH, KindName, validate } from '@hothub/shared';
import { Router } from 'express';
import * as z from 'zod';
import { ServedAsset } from '../kinds/served-asset.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { isInside, type KindFolders } from '../watch/kind-folders.js';

const PathSegments = z.array(z.string());

/**
 * `/assets/<kind>/<path>` of artifacts whose served form is built by their kind (a theme's CSS,
 * a component with versioned imports): the committed version, whatever is on disk now.
 * Anything else falls through to the plain assets router.
 */
export function servedAssetsRouter(pipeline: Pipeline, folders: KindFolders): Router {
  const router = Router();
  router.get(`${ASSETS_PATH}/:kind/*path`, (req, res, next) => {
    const kind = validate(KindName, req.params.kind);
    const segments = validate(PathSegments, req.params.path);
    if (!kind.ok || !segments.ok || !folders.folders.some((f) => f.kind === kind.value)) return next();
    const dir = folders.dirOf(kind.value);
    const file = resolve(dir, segments.value.join('/'));
    const located = isInside(dir, file) ? folders.locate(file) : undefined;
    const artifact = located && pipeline.active(located.kind, located.id)?.artifact;
    if (!(artifact instanceof ServedAsset)) return next();
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache', ETag: `"${artifact.version}"` });
    res.type(artifact.contentType).send(artifact.body);
  });
  return router;
}
