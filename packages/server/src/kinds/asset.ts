import type { Kind, KindInfo } from '../pipeline/kind.js';
import { assetUrl } from './style.js';
import { checkImage } from './image-check.js';

const ASSET_FILE = /\.(?:png|jpe?g|gif|webp|avif|svg|ico|bmp|woff2?|ttf|otf)$/i;

/** An image or font that loaded: the hub serves its bytes (`/assets/asset/<id>`). */
export interface AssetFile {
  version: string;
}

// Images and fonts (swapped in place): usually where the app keeps them, through watch rules.
export const ASSET: KindInfo = { name: 'asset', defaultDir: 'assets' };

/**
 * `assets/**` (or a watch rule such as `asset=public/img/**`): images and fonts. The page swaps every
 * reference in place (`<img src>`, `srcset`, `<picture>`, CSS `url()`, favicons), no reload. A PNG,
 * JPEG or GIF cut off mid-save is refused (`checkImage`): pages keep showing the last good one.
 */
export function assetKind(): Kind<AssetFile> {
  return {
    name: ASSET.name,
    idOf: (relPath) => (ASSET_FILE.test(relPath) ? relPath : undefined),
    load(source) {
      checkImage(source.bytes, source.path);
      return { version: source.version };
    },
    browserFields: (id, asset) => ({ url: assetUrl('asset', id, asset.version) }),
  };
}
