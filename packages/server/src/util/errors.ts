import { types } from 'node:util';
import { errorMessage, type ReloadError } from '@hothub/shared';

/** A failure the pipeline reports to users as `reload_failed`, with where it happened when known. */
export class ReloadFailure extends Error {
  readonly location: Omit<ReloadError, 'message'>;

  constructor(message: string, location: Omit<ReloadError, 'message'> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReloadFailure';
    this.location = location;
  }

  toReloadError(): ReloadError {
    return { message: this.message, ...this.location };
  }
}

/** Turns anything thrown into the `error` field of `reload_failed`. */
export function toReloadError(error: unknown, file?: string): ReloadError {
  if (error instanceof ReloadFailure) return { ...(file ? { file } : {}), ...error.toReloadError() };
  const message = errorMessage(error);
  return file ? { message, file } : { message };
}

/** The stack of anything thrown that has one, whatever realm it comes from. */
export function stackOf(error: unknown): string | undefined {
  return types.isNativeError(error) ? error.stack : undefined;
}

/** Node's `code` of a system error, if any. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
