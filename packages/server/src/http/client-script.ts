import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { CLIENT_MODULE_PATH, CLIENT_SCRIPT_PATH, CLIENT_UI_PATH, MOUNT_TOKEN } from '@hothub/shared';
import { type Request, type Response, Router } from 'express';
import { clientBundleDir } from './client-bundle.js';

interface Bundle {
  raw: Buffer;
  gzip: Buffer;
}

/** Mount paths whose client.js is kept compressed: an app mounts a hub in a place or two, never more. */
const KEPT_MOUNTS = 8;

/** Compressed once per hub (and mount): the SDK is the same for every page. */
function compress(raw: Buffer): Bundle {
  return { raw, gzip: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }) };
}

/**
 * The classic script with `MOUNT_TOKEN` replaced by the path the hub's routes are mounted at, URI-encoded
 * (quotes included) so it stays inside whatever string literal the minifier wrote.
 */
function mountedScript(source: string, mount: string): Buffer {
  return Buffer.from(source.replaceAll(MOUNT_TOKEN, encodeURIComponent(mount).replaceAll("'", '%27')));
}

function send(req: Request, res: Response, bundle: Bundle): void {
  // Any origin may embed the SDK; `no-cache` revalidates so an upgraded hub serves its own SDK.
  res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' });
  res.type('text/javascript');
  if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(bundle.gzip);
  else res.send(bundle.raw);
}

/**
 * `/hothub/client.js` (classic script, auto-connects; told where the hub is mounted, so it finds the
 * socket endpoint at the server's root), `/hothub/client.mjs` (ES module) and `/hothub/client-ui.mjs` (the
 * toasts and overlay both load once connected, as a module: same path beside either), gzipped when accepted.
 */
export function clientScriptRouter(): Router {
  const dir = clientBundleDir();
  const router = Router();
  let source: string | undefined;
  const scripts = new Map<string, Bundle>();
  const modules = new Map<string, Bundle>();
  router.get(CLIENT_SCRIPT_PATH, (req, res) => {
    source ??= readFileSync(join(dir, 'client.js'), 'utf8');
    // `app.use('/hot', hub.app)` → `/hot`; '' when the hub serves its own server.
    const mount = req.baseUrl;
    let bundle = scripts.get(mount);
    if (!bundle) {
      bundle = compress(mountedScript(source, mount));
      if (scripts.size < KEPT_MOUNTS) scripts.set(mount, bundle);
    }
    send(req, res, bundle);
  });
  for (const [path, file] of [
    [CLIENT_MODULE_PATH, 'client.mjs'],
    [CLIENT_UI_PATH, 'client-ui.mjs'],
  ] as const) {
    router.get(path, (req, res) => {
      let bundle = modules.get(file);
      if (!bundle) modules.set(file, (bundle = compress(readFileSync(join(dir, file)))));
      send(req, res, bundle);
    });
  }
  return router;
}
