import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

/** Encodings the proxy can undo to inject its tag; others are not offered to the app (Node 20's zlib has no zstd). */
const DECODERS: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

/** The client's `Accept-Encoding`, keeping only what the proxy can decode (and `identity`). */
export function decodableEncodings(accept: string | undefined): string | undefined {
  if (accept === undefined) return undefined;
  const kept = accept
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => {
      const name = entry.split(';', 1)[0]!.trim().toLowerCase();
      return name === 'identity' || name in DECODERS;
    });
  return kept.length ? kept.join(', ') : 'identity';
}

/** A stream that undoes `encoding`, undefined for none; throws for one the proxy did not offer. */
export function decoderFor(encoding: string | undefined): Transform | undefined {
  const name = (encoding ?? 'identity').trim().toLowerCase();
  if (name === 'identity' || name === '') return undefined;
  const decoder = DECODERS[name];
  if (!decoder) throw new Error(`the app answered with Content-Encoding ${name}, which hothub cannot decode to add its script`);
  return decoder();
}

/**
 * `html` with `tag` before its last `</body>` (or `</html>`), so the SDK runs once the page's elements
 * exist; appended when the page has neither, as browsers still run a trailing script.
 */
export function injectTag(html: string, tag: string): string {
  for (const closing of [/<\/body\s*>/gi, /<\/html\s*>/gi]) {
    const last = [...html.matchAll(closing)].at(-1);
    if (last?.index !== undefined) return `${html.slice(0, last.index)}${tag}${html.slice(last.index)}`;
  }
  return `${html}${tag}`;
}
