import { contentHash } from '../util/content-hash.js';
import type { Kind } from '../pipeline/kind.js';
import { ServedAsset } from './served-asset.js';
import { assetUrl } from './style.js';
import { checkStylesheet } from './stylesheet-check.js';
import { parseTokens, tokensToCss } from './theme-tokens.js';

const THEME_FILE = /^(.+)\.(json|css)$/;

/**
 * `themes/<name>.json` (design tokens, applied as CSS custom properties on `:root`) or
 * `themes/<name>.css`. Either way the page gets CSS, from `/assets/theme/<name>.css`
 * or, up to `inlineLimit` bytes, inside the `reloaded` event. A CSS theme is checked as stylesheets are.
 */
export function themeKind(inlineLimit: number): Kind<ServedAsset> {
  return {
    name: 'theme',
    browser: true,
    idOf: (relPath) => THEME_FILE.exec(relPath)?.[1],
    load(source) {
      const css = source.relPath.endsWith('.json')
        ? tokensToCss(parseTokens(source.bytes.toString('utf8'), source.path))
        : checkStylesheet(source.bytes, source.path);
      return new ServedAsset('text/css', css, contentHash(css));
    },
    versionOf: (theme) => theme.version,
    browserFields: (id, theme) => ({
      url: assetUrl('theme', `${id}.css`, theme.version),
      ...(Buffer.byteLength(theme.body) <= inlineLimit ? { content: theme.body } : {}),
    }),
  };
}
