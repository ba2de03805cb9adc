import { errorMessage } from '@hothub/shared';
import { ReloadFailure } from '../util/errors.js';
import type { ModuleBundle } from './bundle-module.js';
import { locateError } from './source-location.js';

/** What a bundle exported (`module.exports`). */
export type ModuleExports = Record<string, unknown>;

/** `module.exports` as named exports: a CommonJS `module.exports = class …` counts as the default export. */
export function exportsOf(exported: unknown): ModuleExports {
  if (typeof exported === 'function') return { default: exported };
  if (typeof exported !== 'object' || exported === null) return {};
  return Object.fromEntries(Object.entries(exported));
}

/**
 * A throw from bundled code as a `ReloadFailure` located in the original source. Module code runs
 * in its own realm, so its errors are not `instanceof Error` here: only their shape is read.
 */
export function failureAt(error: unknown, bundle: ModuleBundle, what: string): ReloadFailure {
  if (error instanceof ReloadFailure) return error;
  return new ReloadFailure(`${what}: ${errorMessage(error)}`, locateError(error, bundle), { cause: error });
}

/** Something `new` can be called on: a class (arrow functions and methods have no prototype). */
export function isClass(value: unknown): value is new () => object {
  return typeof value === 'function' && value.prototype !== undefined;
}
