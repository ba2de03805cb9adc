import { ReloadFailure } from './errors.js';
import { positionAt, type TextPosition } from './text-position.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file as strict UTF-8 (a leading byte order mark dropped, as browsers and `JSON.parse`
 * need); a byte that is not UTF-8 fails naming its line and column.
 * @example
 * decodeUtf8(Buffer.from([0x61, 0xff]), '/app/styles/main.css'); // throws: … is not valid UTF-8 (line 1, column 2)
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    throw new ReloadFailure(`${file} is not valid UTF-8: save it with UTF-8 encoding`, { file, ...firstInvalidByte(bytes) });
  }
}

/** Where the first byte that is not UTF-8 is: a binary search for the longest prefix that still decodes. */
function firstInvalidByte(bytes: Uint8Array): TextPosition {
  // Streaming, a prefix ending inside a character is held back rather than refused, so "prefix decodes" is monotonic.
  const decodes = (length: number): string | undefined => {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
    } catch {
      return undefined;
    }
  };
  let good = 0;
  let bad = bytes.length + 1;
  while (bad - good > 1) {
    const middle = (good + bad) >>> 1;
    if (decodes(middle) === undefined) bad = middle;
    else good = middle;
  }
  // What decoded is complete characters; the bad sequence starts right after them.
  const valid = (decodes(good) ?? '').replace(/^\uFEFF/, '');
  return positionAt(valid, valid.length);
}
