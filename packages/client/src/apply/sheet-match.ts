import { ASSETS_PATH } from '@hothub/shared';

/** Where the page's stylesheets come from: the hub's asset URLs, or the app's own public path. */
export interface SheetSource {
  /** The hub's base URL (origin plus any path prefix). */
  hubUrl: string;
  /** The URL path under which the app serves the hub's `styles/` folder, e.g. `/styles/` or `/css/`. */
  publicPath: string;
}

/** The attribute that names a `<link>`'s sheet explicitly: `<link data-hothub-id="main.css" …>`. */
export const SHEET_ID_ATTR = 'data-hothub-id';

/** `/styles/`, `/css` and `css/` all mean the folder `/css/`. */
export function normalizePublicPath(path: string): string {
  return `/${path.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

/**
 * Does `link` serve the sheet `id` (its path under `styles/`)? Exactly when it names it with
 * `data-hothub-id`, loads it from the hub (`<hubUrl>/assets/style/<id>`, any query), or loads it
 * from the page's own origin at the public path plus `id`. A vendor `/vendor/main.css` never
 * matches `styles/main.css`: no suffix matching.
 * @example servesSheet('http://app.test/styles/main.css?v=2', 'http://app.test/', 'main.css', source) // true
 */
export function servesSheet(href: string, base: string, id: string, source: SheetSource, explicitId?: string | null): boolean {
  if (explicitId) return explicitId === id;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return false;
  }
  const where = `${url.origin}${safeDecode(url.pathname)}`;
  if (where === `${source.hubUrl}${ASSETS_PATH}/style/${id}`) return true;
  return url.origin === new URL(base).origin && safeDecode(url.pathname) === `${normalizePublicPath(source.publicPath)}${id}`;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
