import { ASSETS_PATH, type KindName } from '@hothub/shared';
import type { Kind } from '../pipeline/kind.js';
import { checkStylesheet } from './stylesheet-check.js';

export interface Stylesheet {
  text: string;
  version: string;
}

/** Asset URL of a browser artifact, versioned so caches never serve a stale copy. */
export function assetUrl(kind: KindName, relPath: string, version: string): string {
  return `${ASSETS_PATH}/${kind}/${relPath.split('/').map(encodeURIComponent).join('/')}?v=${version}`;
}

/**
 * `styles/**.css`: the id is the path under the folder (`pages/home.css`).
 * Sheets up to `inlineLimit` bytes travel in the event, so the page applies them without a fetch.
 * A sheet that is not UTF-8 or does not parse is refused (`checkStylesheet`); the page gets the file's bytes as they are.
 */
export function styleKind(inlineLimit: number): Kind<Stylesheet> {
  return {
    name: 'style',
    idOf: (relPath) => (relPath.endsWith('.css') ? relPath : undefined),
    load: (source) => ({ text: checkStylesheet(source.bytes, source.path), version: source.version }),
    browserFields: (id, sheet, source) => ({
      url: assetUrl('style', id, sheet.version),
      ...(source.bytes.length <= inlineLimit ? { content: sheet.text } : {}),
    }),
  };
}
