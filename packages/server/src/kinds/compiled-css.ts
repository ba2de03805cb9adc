import type { Root } from 'postcss';
import { importUrl } from './css-imports.js';

/**
 * At-rules only a build tool understands: Tailwind's (`@tailwind`, `@apply`, v4's `@theme`, `@plugin`, …)
 * and Sass/PostCSS-style ones a browser would drop. A sheet holding one is served compiled by the app's
 * tool: its raw source must never replace what the page shows.
 */
const TOOL_AT_RULES = new Set(['tailwind', 'apply', 'config', 'plugin', 'source', 'theme', 'utility', 'variant', 'custom-variant', 'screen', 'responsive', 'mixin', 'include', 'extend', 'use', 'forward']);

/** Not a package name: relative (`./x`, `../x`), a server path (`/x`), a URL with a scheme, or a `.css` file. */
const NOT_PACKAGE = /^(?:[./]|[a-z][a-z0-9+.-]*:)|\.css$/i;

/** `@import "tailwindcss"`, `@import 'tailwindcss/utilities' layer(u)`: a package, which only a tool resolves. */
function importsPackage(params: string): boolean {
  const url = importUrl(params);
  return url !== undefined && !NOT_PACKAGE.test(url);
}

/**
 * The first tool-only at-rule of a sheet (`@tailwind`), or undefined for plain CSS.
 * @example compiledBy(parse('@tailwind utilities;')) // '@tailwind'
 */
export function compiledBy(root: Root): string | undefined {
  let found: string | undefined;
  root.walkAtRules((rule) => {
    const name = rule.name.toLowerCase();
    if (TOOL_AT_RULES.has(name) || (name === 'import' && importsPackage(rule.params))) {
      found = `@${name}${name === 'import' ? ` ${rule.params.trim()}` : ''}`;
      return false;
    }
    return undefined;
  });
  return found;
}
