import type { Reloaded } from '@hothub/shared';
import { SHEET_ID_ATTR, servesSheet, type SheetSource } from './sheet-match.js';

/** A link the page switched off (`disabled`, `rel="alternate stylesheet"`) is not active: leave it alone. */
function isActive(link: HTMLLinkElement): boolean {
  const rel = link.relList;
  return rel.contains('stylesheet') && !rel.contains('alternate') && !link.disabled;
}

function withVersion(href: string, base: string, version: string): string {
  const url = new URL(href, base);
  url.searchParams.set('hothub', version);
  return url.href;
}

/** Resolves when `link` has loaded its current `href`, rejects when it fails to. */
function loaded(link: HTMLLinkElement): Promise<void> {
  return new Promise((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`could not load ${link.href}`)), { once: true });
  });
}

/**
 * Loads `href` in a `<link media="not all">` beside `link`, which applies to nothing: Chromium
 * drops a link's old rules when its new `href` fails, so the new one is proven loadable first
 * (and is then in the HTTP cache). A `<link>`, not `fetch`, so the page's CSP judges it as the
 * stylesheet it becomes (`style-src`, not `connect-src`).
 */
async function probe(link: HTMLLinkElement, href: string): Promise<void> {
  const test = link.ownerDocument.createElement('link');
  test.rel = 'stylesheet';
  test.media = 'not all';
  test.href = href;
  const done = loaded(test);
  link.after(test);
  try {
    await done;
  } finally {
    test.remove();
  }
}

/**
 * Points the `<link>` at the new version: the same element keeps its id, attributes and place in
 * the cascade, so app code holding it keeps working, and it works under a CSP without
 * `'unsafe-inline'`. The old rules stay until the new ones have loaded; when the new version
 * cannot load, the link keeps its old `href` and rules, and this rejects.
 */
async function swap(link: HTMLLinkElement, version: string): Promise<void> {
  const previous = link.href;
  const next = withVersion(previous, link.baseURI, version);
  await probe(link, next);
  const done = loaded(link);
  link.href = next;
  try {
    await done;
  } catch (error) {
    link.href = previous;
    throw error;
  }
}

/**
 * Updates every active `<link rel="stylesheet">` under `root` that serves the sheet of `event`
 * (see `servesSheet`). A link whose `media` does not match is updated too, and stays inactive
 * until it matches; disabled and alternate sheets are left as they are.
 * @returns how many sheets were updated
 */
export async function applyStyle(event: Reloaded, source: SheetSource, root: ParentNode): Promise<number> {
  const links = [...root.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet" i]')].filter(
    (link) => isActive(link) && servesSheet(link.href, link.baseURI, event.id, source, link.getAttribute(SHEET_ID_ATTR)),
  );
  await Promise.all(links.map((link) => swap(link, event.version)));
  return links.length;
}
