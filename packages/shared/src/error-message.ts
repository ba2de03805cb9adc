/**
 * The message of anything thrown: an `Error` from any realm (a module's `vm` context, an iframe),
 * which is no `instanceof Error` here, or any other thrown value.
 * @example
 * catch (error) { log.warn(`cannot read ${file}: ${errorMessage(error)}`); }
 */
export function errorMessage(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : String(error);
}
