import type { RequestHandler } from 'express';
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
