import type { Reloaded } from '@hothub/shared';
import { matchSheet, type SheetSource } from './sheet-match.js';
import { withVersion } from './style.js';

/** `url(a.png)`, `url('a.png')`: the URL between the parentheses. */
const CSS_URL = /url\((['"]?)([^'")]+)\1\)/g;
/** Each candidate URL of a `srcset` (`a.png 1x, b.png 2x`), or a whole `src`/`href`. */
const CANDIDATE = /(^|,\s*)([^\s,]+)/g;

/**
 * Points every reference to the image or font of `event` under `root` at its new version, in place:
 * `<img src/srcset>`, `<picture><source srcset>`, icons (`<link rel=icon>`), and `url()`s in readable
 * stylesheets and `style` attributes. A URL is the asset's when it is the hub's asset URL or the app's
 * public path plus the id (`/assets/logo.png`), as for stylesheets.
 * @returns how many references were updated
 */
export function applyAsset(event: Reloaded, source: SheetSource, root: ParentNode): number {
  let count = 0;
  const rewrite = (text: string, base: string, pattern: RegExp) =>
    text.replace(pattern, (whole: string, _before: string, url: string) => {
      if (!matchSheet(url, base, event.id, source, null, 'asset')) return whole;
      count++;
      return whole.replace(url, withVersion(url, base, event.version));
    });
  const restyle = (style: CSSStyleDeclaration, base: string) => {
    for (const name of [...style]) {
      const value = style.getPropertyValue(name);
      const next = value.includes('url(') ? rewrite(value, base, CSS_URL) : value;
      if (next !== value) style.setProperty(name, next, style.getPropertyPriority(name));
    }
  };
  for (const element of root.querySelectorAll<HTMLElement>('img,source,link[rel~="icon" i],[style*="url("]')) {
    for (const name of ['src', 'srcset', 'href']) {
      const value = element.getAttribute(name);
      const next = value && rewrite(value, element.baseURI, CANDIDATE);
      if (next && next !== value) element.setAttribute(name, next);
    }
    restyle(element.style, element.baseURI);
  }
  const rules = (list: CSSRuleList, base: string): void => {
    for (const rule of list) {
      if (rule instanceof CSSStyleRule) restyle(rule.style, base);
      if (rule instanceof CSSGroupingRule) rules(rule.cssRules, base);
    }
  };
  for (const sheet of (root as Document).styleSheets ?? []) {
    try {
      rules(sheet.cssRules, sheet.href ?? document.baseURI);
    } catch {
      // A cross-origin sheet's rules are unreadable: its images are out of reach.
    }
  }
  return count;
}
