import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { compileFunction, constants } from 'node:vm';
import { ReloadFailure } from '../util/errors.js';
import type { ModuleBundle } from './bundle-module.js';
import { bundleFilename, locateError } from './source-location.js';

/** What a bundle exported (`module.exports`). */
export type ModuleExports = Record<string, unknown>;

/**
 * Runs a bundle as a CommonJS module in this realm, from memory. Unlike `import()`, which Node
 * caches for the life of the process, nothing keeps the result alive once the caller drops it:
 * a reloaded module is garbage-collected with the last object that referenced it.
 * A throw at import becomes a `ReloadFailure` located in the original source.
 */
export function evaluateBundle(bundle: ModuleBundle): ModuleExports {
  const run = compileFunction(bundle.code, ['exports', 'require', 'module', '__filename', '__dirname'], {
    filename: bundleFilename(bundle),
    // `import()` of a package inside a module resolves like it would in the main program.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module: { exports: unknown } = { exports: {} };
  try {
    run(module.exports, createRequire(bundle.entry), module, bundle.entry, dirname(bundle.entry));
  } catch (error) {
    throw failureAt(error, bundle, 'threw while loading');
  }
  const exported = module.exports;
  // `module.exports = class …` in a CommonJS file: treat it as the default export.
  if (typeof exported === 'function') return { default: exported };
  if (typeof exported !== 'object' || exported === null) return {};
  return Object.fromEntries(Object.entries(exported));
}

/** Runs `task` (a constructor, a hook) from a bundle, turning a throw into a located `ReloadFailure`. */
export function runFromBundle<T>(bundle: ModuleBundle, what: string, task: () => T): T {
  try {
    return task();
  } catch (error) {
    throw failureAt(error, bundle, what);
  }
}

/** A throw from bundled code as a `ReloadFailure` located in the original source. */
export function failureAt(error: unknown, bundle: ModuleBundle, what: string): ReloadFailure {
  const reason = error instanceof Error ? error.message : String(error);
  return new ReloadFailure(`${what}: ${reason}`, locateError(error, bundle), { cause: error });
}

/** Something `new` can be called on: a class (arrow functions and methods have no prototype). */
export function isClass(value: unknown): value is new () => object {
  return typeof value === 'function' && value.prototype !== undefined;
}
