import type { Reloaded } from '@hothub/shared';
import { assetHref } from '../connection/asset-href.js';
import { absolutizeCssUrls } from './css-urls.js';
import { fetchText } from './fetch-text.js';

const STYLE_ATTR = 'data-hothub-style';
const HREF_ATTR = 'data-hothub-href';

/** Does this stylesheet URL serve the sheet with this id (its path under `styles/`)? */
export function servesSheet(href: string, id: string): boolean {
  try {
    const path = decodeURIComponent(new URL(href, document.baseURI).pathname);
    return path === `/${id}` || path.endsWith(`/${id}`);
  } catch {
    return false;
  }
}

function withVersion(href: string, version: string): string {
  const url = new URL(href, document.baseURI);
  url.searchParams.set('hothub', version);
  return url.href;
}

/** Resolves when the new `<link>` has loaded, rejects when it fails to. */
function loaded(link: HTMLLinkElement): Promise<void> {
  return new Promise((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`could not load ${link.href}`)), { once: true });
  });
}

/**
 * Swaps a stylesheet without a flash of unstyled content. With the sheet's text in the event,
 * the `<link>` becomes a `<style>` in the same task; otherwise a new `<link>` loads beside the
 * old one, which is removed only once the new one has loaded (and kept if it fails).
 * @returns how many sheets were updated
 */
export async function applyStyle(event: Reloaded, hubUrl: string, root: ParentNode = document): Promise<number> {
  const links = [...root.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')].filter((l) =>
    servesSheet(l.href, event.id),
  );
  const styles = [...root.querySelectorAll<HTMLStyleElement>(`style[${STYLE_ATTR}]`)].filter(
    (s) => s.getAttribute(STYLE_ATTR) === event.id,
  );
  const content = event.content ?? (styles.length && event.url ? await fetchText(assetHref(hubUrl, event.url)) : undefined);

  for (const style of styles) {
    if (content !== undefined) style.textContent = absolutizeCssUrls(content, style.getAttribute(HREF_ATTR) ?? hubUrl);
  }
  await Promise.all(
    links.map(async (link) => {
      if (content !== undefined) {
        const style = document.createElement('style');
        style.setAttribute(STYLE_ATTR, event.id);
        style.setAttribute(HREF_ATTR, link.href);
        if (link.media) style.media = link.media;
        style.textContent = absolutizeCssUrls(content, link.href);
        link.after(style);
        link.remove();
        return;
      }
      const next = link.cloneNode() as HTMLLinkElement;
      next.href = withVersion(link.href, event.version);
      link.after(next);
      try {
        await loaded(next);
        link.remove();
      } catch (error) {
        next.remove();
        throw error;
      }
    }),
  );
  return links.length + styles.length;
}
