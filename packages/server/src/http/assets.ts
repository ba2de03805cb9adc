import { ASSETS_PATH, BROWSER_KINDS, KindName, validate } from '@hothub/shared';
import { type Response, Router } from 'express';
import { extname, resolve } from 'node:path';
import type { Pipeline } from '../pipeline/pipeline.js';
import { isInside, type KindFolders } from '../watch/kind-folders.js';
import { escapesFolder } from './path-safety.js';

/**
 * `/assets/<kind>/<path>`: the version the pipeline last committed (so the page never sees a
 * broken or half-written file), or, for files that are not artifacts themselves, the file on disk.
 */
export function assetsRouter(pipeline: Pipeline, folders: KindFolders): Router {
  const router = Router();
  router.get(`${ASSETS_PATH}/:kind/*path`, async (req, res) => {
    const kind = validate(KindName, req.params.kind);
    const segments = req.params.path as unknown as string[];
    if (!kind.ok || !folders.folders.some((f) => f.kind === kind.value) || !isBrowserKind(kind.value)) {
      return notFound(res);
    }
    const relPath = segments.join('/');
    const dir = folders.dirOf(kind.value);
    const file = resolve(dir, relPath);
    if (!isInside(dir, file) || (await escapesFolder(dir, file))) return notFound(res);
    const located = folders.locate(file);
    const active = located && pipeline.active(located.kind, located.id);
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' });
    if (active) {
      res.set('ETag', `"${active.source.version}"`);
      return res.type(extname(file) || 'application/octet-stream').send(active.source.bytes);
    }
    res.sendFile(file, { dotfiles: 'deny' }, (error) => {
      if (error && !res.headersSent) notFound(res);
    });
  });
  return router;
}

function isBrowserKind(kind: KindName): boolean {
  return (BROWSER_KINDS as readonly KindName[]).includes(kind);
}

function notFound(res: Response): void {
  res.status(404).json({ error: { code: 'not_found', message: 'no such asset' } });
}
