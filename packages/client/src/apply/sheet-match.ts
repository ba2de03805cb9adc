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

/** `/css` and `/css/` both mean the folder `/css/`. */
export function folderPath(path: string): string {
  return path.replace(/\/*$/, '/');
}

/** How a link serves a sheet: from the hub's asset URL, or from the app (its public path, or named by `data-hothub-id`). */
export type SheetMatch = 'hub' | 'app';

/**
 * Does this stylesheet URL serve the sheet `id` (its path under `styles/`)? Exactly when the link
 * names it with `data-hothub-id`, loads it from the hub (`<hubUrl>/assets/style/<id>`, any query),
 * or loads it from the page's own origin at the public path plus `id`. A vendor `/vendor/main.css`
 * never matches `styles/main.css`: no suffix matching. Images and fonts (`kind` asset) match the same way.
 * @example matchSheet('http://app.test/styles/main.css?v=2', 'http://app.test/', 'main.css', source) // 'app'
 */
export function matchSheet(
  href: string,
  base: string,
  id: string,
  source: SheetSource,
  explicitId?: string | null,
  kind: 'style' | 'asset' = 'style',
): SheetMatch | undefined {
  if (explicitId) return explicitId === id ? 'app' : undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  const path = safeDecode(url.pathname);
  if (`${url.origin}${path}` === `${source.hubUrl}${ASSETS_PATH}/${kind}/${id}`) return 'hub';
  const own = url.origin === new URL(base).origin && path === `${folderPath(source.publicPath)}${id}`;
  return own ? 'app' : undefined;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
