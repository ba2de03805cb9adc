import type { ReloadError, RuntimeError } from '@hothub/shared';

/** A page's `runtime_error` as an error with a place (`GET /clients`, a probation rollback): its message and source. */
export function runtimeErrorOf({ message, source }: Pick<RuntimeError, 'message' | 'source'>): ReloadError {
  if (!source) return { message };
  const { url, line, column } = source;
  return { message, file: url, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) };
}
