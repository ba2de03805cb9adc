import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { expect, it, onTestFinished } from 'vitest';
import { listenOnLoopback } from '../support/app-server.js';
import { colourOf, openAppPage, sdkTag } from '../support/app-page.js';
import { startHubCli } from '../support/hub-cli.js';

// An app that keeps its sheets in public/css/ and serves public/ at / with its own express server: the
// page links /css/main.css, which @imports /css/partials/q.css, next to a vendor widget's /vendor/main.css.
// The hub runs from the app's folder with a watch rule naming that public path (README, "Watch rules").

/** The app's folder, its sheets as a real app has them. */
async function appFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'hothub-e2e-rules-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'public/css/partials'), { recursive: true });
  await mkdir(join(root, 'public/vendor'));
  await writeFile(join(root, 'public/css/main.css'), '@import "partials/q.css";\n.title { color: rgb(1, 2, 3); }\n');
  await writeFile(join(root, 'public/css/partials/q.css'), '.site-header { background-color: rgb(10, 10, 10); }\n');
  await writeFile(join(root, 'public/vendor/main.css'), '.chat-widget { color: rgb(200, 0, 0); }\n.title { font-style: italic; }\n');
  return root;
}

/** The app's own express server: public/ as static files, and its page with the SDK tag of the hub at `hubUrl`. */
async function expressApp(root: string, hubUrl: string): Promise<string> {
  const app = express();
  app.use(express.static(join(root, 'public'), { etag: false, lastModified: false, cacheControl: false }));
  app.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8"><title>Shop</title>
  <link rel="stylesheet" href="/vendor/main.css">
  <link rel="stylesheet" href="/css/main.css">
</head>
<body>
  <header class="site-header"><h1 class="title">Shop</h1></header>
  <aside class="chat-widget">Chat with us</aside>
  ${sdkTag({ url: hubUrl })}
</body>
</html>`);
  });
  return listenOnLoopback(createServer(app));
}

const FORMS: [string, string[], string | undefined][] = [
  ['the CLI flag', ['--watch', 'style=public/css/**/*.css:/css/'], undefined],
  ['a config file', ['--config', 'hothub.yaml'], 'watch:\n  style: { glob: "public/css/**/*.css", publicPath: "/css/" }\n'],
];

for (const [form, args, config] of FORMS) {
  it(`a watch rule with a public path (${form}): saving /css/main.css and its partial updates the app's sheet, never the vendor's main.css`, async () => {
    const root = await appFolder();
    if (config) await writeFile(join(root, 'hothub.yaml'), config);
    const hub = await startHubCli(root, args);
    const page = await openAppPage(`${await expressApp(root, hub.url)}/`);
    const background = () => page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor);
    /** What the vendor sheet shows, and its link as the page wrote it. */
    const vendor = () =>
      page.evaluate(() => [
        document.querySelector('link[href^="/vendor/"]')?.getAttribute('href'),
        getComputedStyle(document.querySelector('.chat-widget')!).color,
        getComputedStyle(document.querySelector('.title')!).fontStyle,
      ]);
    const untouched = ['/vendor/main.css', 'rgb(200, 0, 0)', 'italic'];
    expect(await colourOf(page, '.title')).toBe('rgb(1, 2, 3)');
    expect(await vendor()).toEqual(untouched);

    await writeFile(join(root, 'public/css/main.css'), '@import "partials/q.css";\n.title { color: rgb(4, 5, 6); }\n');
    await expect.poll(() => colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
    // One sheet: the vendor's main.css is not the style main.css, though its URL ends the same way.
    await expect.poll(() => page.locator('hothub-toasts li.success').allTextContents()).toContainEqual(expect.stringContaining('main.css reloaded (1 sheet)'));
    expect(await vendor()).toEqual(untouched);
    // The app's own link, same element, now at a new version of its own URL.
    const appLink = () =>
      page.evaluate(() => {
        const { pathname, search } = new URL(document.querySelectorAll('link')[1]!.href);
        return pathname + search;
      });
    expect(await appLink()).toMatch(/^\/css\/main\.css\?hothub=/);

    await writeFile(join(root, 'public/css/partials/q.css'), '.site-header { background-color: rgb(20, 30, 40); }\n');
    await expect.poll(background).toBe('rgb(20, 30, 40)');
    await expect.poll(() => page.locator('hothub-toasts li.success').allTextContents()).toContainEqual(expect.stringContaining('q.css (via main.css)'));
    await expect.poll(() => page.locator('hothub-toasts li.neutral').count()).toBe(0);
    expect(await vendor()).toEqual(untouched);
    expect(await colourOf(page, '.title')).toBe('rgb(4, 5, 6)');
    // The terminal says it too, with the file as the user knows it.
    await expect.poll(() => hub.output()).toMatch(/reloaded public\/css\/main\.css \(/);
    await expect.poll(() => hub.output()).toMatch(/reloaded public\/css\/main\.css \(via public\/css\/partials\/q\.css\)/);
  });
}
