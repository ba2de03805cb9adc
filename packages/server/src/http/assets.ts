import { ASSETS_PATH, BROWSER_KINDS, type KindName } from '@hothub/shared';
import { type Response, Router } from 'express';
import { extname, relative } from 'node:path';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { KindFolders } from '../watch/kind-folders.js';
import { resolveAssetRequest } from './asset-request.js';
import { HttpError, sendError } from './http-error.js';

/**
 * `/assets/<kind>/<path>`: the version the pipeline last committed (so the page never sees a
 * broken or half-written file), or, for files that are not artifacts themselves, the file on disk.
 */
export function assetsRouter(pipeline: Pipeline, folders: KindFolders): Router {
  const router = Router();
  router.get(`${ASSETS_PATH}/:kind/*path`, async (req, res) => {
    const asset = await resolveAssetRequest(req, folders, pipeline);
    if (!asset || !isBrowserKind(asset.kind)) return notFound(res);
    const { file, dir, active } = asset;
    res.set('Cache-Control', 'no-cache');
    if (active) {
      res.set('ETag', `"${active.source.version}"`);
      return res.type(extname(file) || 'application/octet-stream').send(active.source.bytes);
    }
    // `root`: send's dotfile rule then looks at the path under the folder, not at the folders above it.
    res.sendFile(relative(dir, file), { root: dir, dotfiles: 'deny' }, (error) => {
      if (error && !res.headersSent) notFound(res);
    });
  });
  return router;
}

function isBrowserKind(kind: KindName): boolean {
  return (BROWSER_KINDS as readonly KindName[]).includes(kind);
}

function notFound(res: Response): void {
  sendError(res, new HttpError(404, 'not_found', 'no such asset'));
}
