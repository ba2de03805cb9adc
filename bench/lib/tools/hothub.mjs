import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHub } from 'hothub';
import { colourOf, nodeNow, sheet } from '../probe.mjs';
import { pageHtml } from './page.mjs';

/** hothub with default settings, started through its public API from the built package. */
export async function startHothub(dir) {
  const cssFile = join(dir, 'styles', 'main.css');
  await mkdir(join(dir, 'styles'));
  await writeFile(cssFile, sheet(colourOf(0)));
  await writeFile(
    join(dir, 'index.html'),
    pageHtml('<link rel="stylesheet" href="/assets/style/main.css" />\n    <script src="/hothub/client.js"></script>'),
  );
  const hub = createHub({ root: dir, port: 0, host: '127.0.0.1', logLevel: 'warn' });
  // When the hub sent its latest event, on the probe's clock: splits the latency into hub and wire + page.
  let sentAt = 0;
  hub.on('reloaded', () => (sentAt = nodeNow()));
  await hub.start();
  return { pageUrl: `${hub.url}/`, cssFile, sentAt: () => sentAt, close: () => hub.stop() };
}
