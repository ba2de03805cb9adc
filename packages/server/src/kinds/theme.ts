import { contentHash } from '../util/content-hash.js';
import type { Kind, KindInfo, ServedAsset } from '../pipeline/kind.js';
import { assetUrl } from './style.js';
import { checkStylesheet } from './stylesheet-check.js';
import { parseTokens, tokensToCss } from './theme-tokens.js';

const THEME_FILE = /^(.+)\.(json|css)$/;

export const THEME: KindInfo = { name: 'theme', defaultDir: 'themes' };

/**
 * `themes/<name>.json` (design tokens, applied as CSS custom properties on `:root`) or
 * `themes/<name>.css`. Either way the page gets CSS, from `/assets/theme/<name>.css`
 * or, up to `inlineLimit` bytes, inside the `reloaded` event. A CSS theme is checked as stylesheets are.
 */
export function themeKind(inlineLimit: number): Kind<ServedAsset> {
  return {
    name: THEME.name,
    idOf: (relPath) => THEME_FILE.exec(relPath)?.[1],
    load(source) {
      const css = source.relPath.endsWith('.json')
        ? tokensToCss(parseTokens(source.bytes.toString('utf8'), source.path))
        : checkStylesheet(source.bytes, source.path).text;
      return { contentType: 'text/css', body: css, version: contentHash(css) };
    },
    served: (theme) => theme,
    versionOf: (theme) => theme.version,
    browserFields: (id, theme) => ({
      url: assetUrl('theme', `${id}.css`, theme.version),
      ...(Buffer.byteLength(theme.body) <= inlineLimit ? { content: theme.body } : {}),
    }),
  };
}
