import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import browserSync from 'browser-sync';
import { freePort } from '../free-port.mjs';
import { colourOf, sheet } from '../probe.mjs';
import { pageHtml } from './page.mjs';

/**
 * browser-sync serving the folder and watching the sheet, with its shipped defaults (CSS injection,
 * 500 ms `reloadDebounce`). Only what a headless, offline run needs is set: no browser to open,
 * no UI server on a second port, no online check, silent logs.
 */
export async function startBrowserSync(dir) {
  const cssFile = join(dir, 'style.css');
  await writeFile(cssFile, sheet(colourOf(0)));
  await writeFile(join(dir, 'index.html'), pageHtml('<link rel="stylesheet" href="/style.css" />'));
  const bs = browserSync.create(`bench-${Date.now()}`);
  const port = await freePort();
  await new Promise((resolve, reject) =>
    bs.init(
      { server: dir, files: [cssFile], port, listen: '127.0.0.1', open: false, ui: false, online: false, logLevel: 'silent' },
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  return { pageUrl: `http://127.0.0.1:${port}/`, cssFile, close: () => bs.exit() };
}
