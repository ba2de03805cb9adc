import { watch } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { serveFolder } from '../static-server.mjs';
import { colourOf, sheet } from '../probe.mjs';
import { pageHtml } from './page.mjs';

/** The page side of the floor: swap the `<link>` (fetch) or write the message's text into a `<style>` (inline). */
const CLIENT = `
const socket = new WebSocket('ws://' + location.host + '/ws');
let version = 0;
socket.onmessage = (message) => {
  const { css } = JSON.parse(message.data);
  const old = document.getElementById('sheet');
  if (css !== undefined) {
    let style = document.getElementById('live');
    if (!style) {
      style = document.createElement('style');
      style.id = 'live';
      old.after(style);
      old.remove();
    }
    style.textContent = css;
    return;
  }
  const next = old.cloneNode();
  next.href = '/style.css?v=' + ++version;
  next.onload = () => { old.remove(); };
  old.id = '';
  old.after(next);
};
`;

/**
 * The floor: `fs.watch` and a bare `ws` socket, nothing else. `inline` sends the sheet's text in the
 * message; otherwise the page re-fetches the sheet. No coalescing, no settled read: a lower bound, not a tool.
 */
export function floor(inline) {
  return async function startFloor(dir) {
    const cssFile = join(dir, 'style.css');
    await writeFile(cssFile, sheet(colourOf(0)));
    await writeFile(
      join(dir, 'index.html'),
      pageHtml('<link id="sheet" rel="stylesheet" href="/style.css" />\n    <script src="/client.js"></script>'),
    );
    const site = await serveFolder(dir, {
      '/client.js': (_req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(CLIENT),
    });
    const sockets = new WebSocketServer({ server: site.server, path: '/ws' });
    const send = (message) => sockets.clients.forEach((client) => client.send(message));
    const watcher = watch(dir, (_event, name) => {
      if (name !== 'style.css') return;
      if (!inline) return send('{}');
      readFile(cssFile, 'utf8').then((css) => send(JSON.stringify({ css })), () => {});
    });
    return {
      pageUrl: `${site.url}/`,
      cssFile,
      close: async () => {
        watcher.close();
        sockets.clients.forEach((client) => client.terminate());
        await Promise.allSettled([new Promise((resolve) => sockets.close(resolve)), site.close()]);
      },
    };
  };
}
