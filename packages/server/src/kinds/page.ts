import type { Kind, KindInfo } from '../pipeline/kind.js';
import { decodeUtf8 } from '../util/decode-utf8.js';

/**
 * Files a page is built from that the hub cannot swap in place: HTML, server templates, plain
 * (non-module, non-component) scripts. A save reloads the pages that use it.
 */
const PAGE_FILE = /\.(?:html?|njk|ejs|hbs|handlebars|mustache|pug|liquid|twig|[cm]?js)$/i;

/** A page file that loaded: only its version matters, the app serves it. */
export interface PageFile {
  version: string;
}

// Pages, templates and plain scripts (a full reload): usually where the app keeps them, through watch
// rules (`--watch 'page=public/**/*.html'`).
export const PAGE: KindInfo = { name: 'page', defaultDir: 'pages' };

/**
 * `pages/**` (or a watch rule such as `page=public/**\/*.html`): the id is the path under the folder.
 * The page reloads itself (the SDK restores its scroll position); the hub only checks the file is
 * text, so a save caught mid-write or in another encoding reloads nothing.
 */
export function pageKind(): Kind<PageFile> {
  return {
    name: PAGE.name,
    idOf: (relPath) => (PAGE_FILE.test(relPath) ? relPath : undefined),
    load(source) {
      decodeUtf8(source.bytes, source.path);
      return { version: source.version };
    },
  };
}
