import { ASSETS_PATH, type KindName } from '@hothub/shared';
import type { Kind } from './kind.js';

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
 */
export function styleKind(inlineLimit: number): Kind<Stylesheet> {
  return {
    name: 'style',
    browser: true,
    idOf: (relPath) => (relPath.endsWith('.css') ? relPath : undefined),
    load: (source) => ({ text: source.bytes.toString('utf8'), version: source.version }),
    browserFields: (id, sheet, source) => ({
      url: assetUrl('style', id, sheet.version),
      ...(source.bytes.length <= inlineLimit ? { content: sheet.text } : {}),
    }),
  };
}
