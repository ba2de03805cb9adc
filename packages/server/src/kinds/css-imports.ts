import { dirname, resolve } from 'node:path';
import type { Root } from 'postcss';

/** `@import "x.css"`, `@import url(x.css) screen`, `@import url('x.css') layer(base)`: the URL, quotes and `url()` removed. */
const IMPORT_URL = /^\s*(?:url\(\s*)?(["']?)([^"')\s]+)\1/i;

/** A URL the hub cannot map to a file: a scheme (`https:`, `data:`), protocol-relative, or a server path (`/css/x.css`). */
const NOT_LOCAL = /^(?:[a-z][a-z0-9+.-]*:|\/)/i;

/**
 * The local files a sheet `@import`s, absolute, in order: the relative URLs ending in `.css` (query
 * and fragment dropped). A bare specifier (`@import "tailwindcss"`) is a build tool's business, not a file.
 * @example
 * sheetImports(parse('@import "partials/q.css";'), '/app/styles/main.css'); // ['/app/styles/partials/q.css']
 */
export function sheetImports(root: Root, file: string): string[] {
  const files: string[] = [];
  root.walkAtRules(/^import$/i, (rule) => {
    const url = importUrl(rule.params)?.replace(/[?#].*$/, '');
    if (url && !NOT_LOCAL.test(url) && url.toLowerCase().endsWith('.css')) files.push(resolve(dirname(file), safeDecode(url)));
  });
  return files;
}

/** The URL of an `@import`'s prelude (`url("x.css") screen` → `x.css`). */
export function importUrl(params: string): string | undefined {
  return IMPORT_URL.exec(params)?.[2];
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
