import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';

export interface ValidationIssue {
  path: string;
  message: string;
}

/** A structured, serialisable validation failure. */
export interface ValidationError {
  code: 'invalid';
  message: string;
  issues: ValidationIssue[];
}

/** Any zod schema, classic or mini. */
export type Schema = $ZodType;
export type Infer<S extends Schema> = z.infer<S>;

export type Validated<T> = { ok: true; value: T } | { ok: false; error: ValidationError };

/** Renders a zod path the way a user writes it: `colors.primary`, `items[2].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * The one edge where outside input becomes typed data.
 * @example
 * const r = validate(Reloaded, payload);
 * if (!r.ok) console.warn(r.error.message);
 */
export function validate<S extends $ZodType>(schema: S, input: unknown, what = 'input'): Validated<z.infer<S>> {
  const result = z.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const first = issues[0];
  const where = first?.path ? ` at ${first.path}` : '';
  return {
    ok: false,
    error: { code: 'invalid', message: `invalid ${what}${where}: ${first?.message ?? 'unknown error'}`, issues },
  };
}
