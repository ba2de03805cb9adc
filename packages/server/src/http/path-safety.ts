import { realpath } from 'node:fs/promises';
import type { RequestHandler } from 'express';
import { isInside } from '../watch/kind-folders.js';
import { HttpError } from './http-error.js';

/** Encoded slash, backslash or NUL, and raw backslashes: nothing a hub path needs. */
const ENCODED_ESCAPES = /%2f|%5c|%00|\\/i;

/**
 * 404 for request paths that try to climb out of where they point: dot segments (plain or
 * percent-encoded), empty segments (`//etc/passwd`), encoded slashes, backslashes, NUL bytes.
 * Routers still check every resolved file against its folder; this is the first fence.
 */
export const pathSafety: RequestHandler = (req, _res, next) => {
  const path = req.originalUrl.split('?', 1)[0] ?? '';
  const segments = path.split('/').slice(1);
  const climbs = segments.some((segment, i) => isDotSegment(segment) || (segment === '' && i < segments.length - 1));
  if (climbs || ENCODED_ESCAPES.test(path)) return next(new HttpError(404, 'not_found', 'no such path'));
  next();
};

function isDotSegment(segment: string): boolean {
  const decoded = segment.replace(/%2e/gi, '.');
  return decoded === '.' || decoded === '..';
}

/**
 * True when `file` exists but its real path (symlinks followed) is outside the real path of `dir`:
 * a link inside a watched folder pointing out of it. A missing file does not escape.
 */
export async function escapesFolder(dir: string, file: string): Promise<boolean> {
  const [realDir, realFile] = await Promise.all([realpath(dir).catch(() => dir), realpath(file).catch(() => undefined)]);
  return realFile !== undefined && !isInside(realDir, realFile);
}
