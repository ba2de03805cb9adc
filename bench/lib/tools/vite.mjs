import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer } from 'vite';
import { freePort } from '../free-port.mjs';
import { colourOf, sheet } from '../probe.mjs';
import { pageHtml } from './page.mjs';

/** A minimal Vite dev server whose page imports the sheet from a module: Vite's CSS HMR path. */
export async function startVite(dir) {
  const cssFile = join(dir, 'style.css');
  await writeFile(cssFile, sheet(colourOf(0)));
  await writeFile(join(dir, 'main.js'), "import './style.css';\n");
  await writeFile(join(dir, 'index.html'), pageHtml('<script type="module" src="/main.js"></script>'));
  const server = await createServer({
    configFile: false,
    root: dir,
    logLevel: 'silent',
    clearScreen: false,
    server: { host: '127.0.0.1', port: await freePort(), strictPort: true },
  });
  await server.listen();
  return { pageUrl: server.resolvedUrls.local[0], cssFile, close: () => server.close() };
}
