import { isAbsolute, relative, sep } from 'node:path';

/**
 * A path as events and logs show it: relative to the hub's root, with `/` separators (`styles/main.css`,
 * `../lib/format.js` for an import outside the root); `.` for the root itself.
 * @example
 * rootRelative('/srv/app', '/srv/app/styles/main.css'); // 'styles/main.css'
 */
export function rootRelative(root: string, path: string): string {
  if (!isAbsolute(path)) return path;
  return relative(root, path).split(sep).join('/') || '.';
}
