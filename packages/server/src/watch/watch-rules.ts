import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { KindName } from '@hothub/shared';
import picomatch from 'picomatch';

/** A watch rule as configured: files matching `glob` (relative to the root) are artifacts of `kind`. */
export interface RuleSpec {
  kind: KindName;
  glob: string;
  /** Where the app serves the glob's static part (`/css/`); default: that part under the site root. */
  publicPath?: string | undefined;
}

/** A rule ready to match: its static part is the folder ids are relative to. */
export interface WatchRule {
  kind: KindName;
  glob: string;
  /** The glob's static part, absolute (`<root>/public/css` for `public/css/**\/*.css`). */
  base: string;
  /** `/css/`: what pages are told the app serves this rule's files under. */
  publicPath: string;
  /** True for a root-relative, `/`-separated path the glob matches. */
  matches(rootRelative: string): boolean;
}

/**
 * Compiles watch rules; throws a message naming the rule when a glob leaves the root.
 * @example
 * const [rule] = watchRules('/app', [{ kind: 'style', glob: 'public/css/**\/*.css', publicPath: '/css/' }]);
 * rule.base; // '/app/public/css': `public/css/partials/q.css` is the style `partials/q.css`
 */
export function watchRules(root: string, specs: readonly RuleSpec[]): WatchRule[] {
  return specs.map(({ kind, glob, publicPath }) => {
    if (isAbsolute(glob) || glob.split('/').includes('..')) {
      throw new Error(`watch rule ${kind}=${glob}: globs are relative to the root and stay inside it (write public/css/**/*.css)`);
    }
    const scanned = picomatch.scan(glob);
    // A plain file name has no magic part: its folder is the static part, its name the id.
    const staticPart = scanned.isGlob ? scanned.base : dirname(glob) === '.' ? '' : dirname(glob);
    const base = resolve(root, staticPart);
    return {
      kind,
      glob,
      base,
      publicPath: publicPath ? withSlashes(publicPath) : withSlashes(staticPart),
      // dot: a rule that names `.well-known/` or a dotted folder means it.
      matches: picomatch(glob, { dot: true }),
    };
  });
}

/** The ignore globs as one test on root-relative paths. */
export function ignoreMatcher(globs: readonly string[]): (rootRelative: string) => boolean {
  return globs.length ? picomatch([...globs], { dot: true }) : () => false;
}

/** `path` relative to `from`, `/`-separated. */
export function slashRelative(from: string, path: string): string {
  return relative(from, path).split(sep).join('/');
}

function withSlashes(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
