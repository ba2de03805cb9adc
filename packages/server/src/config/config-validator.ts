import { type Schema, type Validated, type ValidationIssue, formatPath, validate } from '@hothub/shared';
import * as z from 'zod';

/** Checks a parsed config: the value to apply (defaults filled in by the schema), or every failing key. */
export type ConfigValidator = (data: unknown) => Validated<unknown>;

/** A schema the application passes in: validated with the hub's own zod. */
export function schemaValidator(schema: Schema, what: string): ConfigValidator {
  return (data) => validate(schema, data, what);
}

const PathKey = z.union([z.string(), z.number(), z.symbol()]);
/** What any zod's `safeParse` answers, whichever copy of zod (3 or 4) a schema file imported. */
const SafeParseResult = z.union([
  z.object({ success: z.literal(true), data: z.unknown() }),
  z.object({
    success: z.literal(false),
    error: z.object({ issues: z.array(z.object({ path: z.array(PathKey), message: z.string() })) }),
  }),
]);
const HasSafeParse = z.object({ safeParse: z.custom<(data: unknown) => unknown>((value) => typeof value === 'function') });

/** A schema exported by a user's module: anything with zod's `safeParse`, or undefined when it has none. */
export function moduleValidator(exported: unknown, what: string): ConfigValidator | undefined {
  const candidate = validate(HasSafeParse, exported, what);
  if (!candidate.ok) return undefined;
  const { safeParse } = candidate.value;
  return (data) => {
    const answer = validate(SafeParseResult, safeParse.call(exported, data), `${what} result`);
    if (!answer.ok) return answer;
    if (answer.value.success) return { ok: true, value: answer.value.data };
    const issues: ValidationIssue[] = answer.value.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    return { ok: false, error: { code: 'invalid', message: `invalid ${what}`, issues } };
  };
}
