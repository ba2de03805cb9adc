import { CLIENT_MODULE_PATH, CLIENT_SCRIPT_PATH } from '@hothub/shared';
import { Router } from 'express';
import { join } from 'node:path';
import { clientBundleDir } from './client-bundle.js';

/** `/hothub/client.js` (classic script, auto-connects) and `/hothub/client.mjs` (ES module). */
export function clientScriptRouter(): Router {
  const dir = clientBundleDir();
  const router = Router();
  const send = (file: string) => (_req: unknown, res: import('express').Response) => {
    // Any origin may embed the SDK; `no-cache` revalidates so an upgraded hub serves its own SDK.
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' });
    res.type('text/javascript').sendFile(join(dir, file));
  };
  router.get(CLIENT_SCRIPT_PATH, send('client.js'));
  router.get(CLIENT_MODULE_PATH, send('client.mjs'));
  return router;
}
