import type { Reloaded } from '@hothub/shared';
import { matchSheet, SHEET_ID_ATTR, type SheetSource } from './sheet-match.js';

/** A stylesheet link the page switched off (`disabled`, `rel="alternate stylesheet"`) is not active: leave it alone. */
function isActive(link: HTMLLinkElement): boolean {
  return !link.relList.contains('alternate') && !link.disabled;
}

/** `href` made absolute, with the hub's version in its query: a URL no cache holds yet. */
export function withVersion(href: string, base: string, version: string): string {
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
 * Preloads `href` (`<link rel="preload" as="style">`) and resolves once it loaded: Chromium drops a
 * link's old rules when its new `href` fails, so the new one is proven loadable first; the link then
 * takes the preloaded response without a second request. A `<link>`, not `fetch`, so the page's CSP
 * judges it as the stylesheet it becomes (`style-src`, not `connect-src`).
 */
async function preload(doc: Document, href: string, crossOrigin: string | null): Promise<void> {
  const hint = doc.createElement('link');
  hint.rel = 'preload';
  hint.as = 'style';
  hint.href = href;
  hint.crossOrigin = crossOrigin;
  const done = loaded(hint);
  doc.head.append(hint);
  try {
    await done;
  } finally {
    hint.remove();
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
  await preload(link.ownerDocument, next, link.crossOrigin);
  // The app replaced the link meanwhile (Vite's CSS HMR swaps in a clone and removes the old one): a
  // detached link never loads, so waiting on it would stall every later update; the page shows the clone.
  if (!link.isConnected) return;
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
 * Replaces the rules of the sheet `link` loaded with `css`, in place: no request, the same position in
 * the cascade, and CSSOM edits are not subject to CSP. Relative `url()`s still resolve against the
 * link's URL. False when the sheet cannot be edited here: still loading, cross-origin (its rules are
 * unreadable), or `css` has an `@import` (a constructed sheet, which parses it first, drops those).
 */
function replaceRules(link: HTMLLinkElement, css: string): boolean {
  const sheet = link.sheet;
  if (!sheet || /@import/i.test(css)) return false;
  try {
    const parsed = new CSSStyleSheet();
    parsed.replaceSync(css);
    while (sheet.cssRules.length) sheet.deleteRule(0);
    for (const rule of parsed.cssRules) sheet.insertRule(rule.cssText, sheet.cssRules.length);
    return true;
  } catch {
    // Unreadable rules (SecurityError) or a rule that does not re-insert: load the sheet instead.
    return false;
  }
}

/**
 * Updates every active `<link rel="stylesheet">` under `root` that serves the sheet of `event`
 * (see `matchSheet`). A link whose `media` does not match is updated too, and stays inactive
 * until it matches; disabled and alternate sheets are left as they are. A link to the hub's asset
 * URL takes the text the event carries (exactly what that URL serves) without a request; any other
 * link, whose server may transform the file, loads the new version from its own URL.
 * @returns how many sheets were updated
 */
export async function applyStyle(event: Reloaded, source: SheetSource, root: ParentNode): Promise<number> {
  const updates = [...root.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet" i]')].flatMap((link) => {
    const match = isActive(link) ? matchSheet(link.href, link.baseURI, event.id, source, link.getAttribute(SHEET_ID_ATTR)) : undefined;
    if (!match) return [];
    if (match === 'hub' && event.content !== undefined && replaceRules(link, event.content)) return [Promise.resolve()];
    return [swap(link, event.version)];
  });
  await Promise.all(updates);
  return updates.length;
}
