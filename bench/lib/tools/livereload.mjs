import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import livereload from 'livereload';
import { serveFolder } from '../static-server.mjs';
import { colourOf, sheet } from '../probe.mjs';
import { pageHtml } from './page.mjs';

/** npm `livereload` (its own chokidar watcher and websocket) with its livereload.js client; a plain server for the page. */
export async function startLivereload(dir) {
  const cssFile = join(dir, 'style.css');
  await writeFile(cssFile, sheet(colourOf(0)));
  const lr = livereload.createServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => lr.server.once('listening', resolve));
  const port = lr.config.server.address().port;
  lr.watch(dir);
  await new Promise((resolve) => lr.watcher.once('ready', resolve));
  await writeFile(
    join(dir, 'index.html'),
    pageHtml(`<link rel="stylesheet" href="/style.css" />\n    <script src="http://127.0.0.1:${port}/livereload.js"></script>`),
  );
  const site = await serveFolder(dir);
  return {
    pageUrl: `${site.url}/`,
    cssFile,
    close: async () => {
      await Promise.allSettled([lr.watcher.close(), site.close()]);
      lr.server.clients.forEach((client) => client.terminate());
      lr.close();
    },
  };
}
