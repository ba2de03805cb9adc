import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { CLIENT_MODULE_PATH, CLIENT_SCRIPT_PATH } from '@hothub/shared';
import { type Request, type Response, Router } from 'express';
import { clientBundleDir } from './client-bundle.js';

interface Bundle {
  raw: Buffer;
  gzip: Buffer;
}

/** Read and compressed once per hub: the SDK is the same for every page. */
function loadBundle(file: string): Bundle {
  const raw = readFileSync(file);
  return { raw, gzip: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }) };
}

/** `/hothub/client.js` (classic script, auto-connects) and `/hothub/client.mjs` (ES module), gzipped when accepted. */
export function clientScriptRouter(): Router {
  const dir = clientBundleDir();
  const router = Router();
  const send = (name: string) => {
    let bundle: Bundle | undefined;
    return (req: Request, res: Response) => {
      bundle ??= loadBundle(join(dir, name));
      // Any origin may embed the SDK; `no-cache` revalidates so an upgraded hub serves its own SDK.
      res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' });
      res.type('text/javascript');
      if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(bundle.gzip);
      else res.send(bundle.raw);
    };
  };
  router.get(CLIENT_SCRIPT_PATH, send('client.js'));
  router.get(CLIENT_MODULE_PATH, send('client.mjs'));
  return router;
}
