import { KINDS, type KindName } from '@hothub/shared';
import * as z from 'zod';
import type { RuleSpec } from '../watch/watch-rules.js';

const Glob = z.string().min(1);
const PublicPath = z.string().regex(/^\//, { message: 'must start with / (the path the app serves these files under, such as /css/)' });
const Rule = z.union([Glob, z.object({ glob: Glob, publicPath: PublicPath.optional() }).strict()]);
const RuleTable = z.partialRecord(z.enum(KINDS), z.union([Rule, z.array(Rule).min(1)]));

/** `KIND=GLOB` or `KIND=GLOB:/public/path/` (`--watch`, `HOTHUB_WATCH`). */
const RULE_ARG = /^([a-z]+)=(.+?)(?::(\/[^:]*))?$/;
const RULE_ARG_HELP = 'must be KIND=GLOB or KIND=GLOB:/public/path/, such as style=public/css/**/*.css:/css/';

/**
 * Watch rules: kinds mapped to globs relative to the root. A config file writes a table
 * (`watch: { style: "public/css/**\/*.css" }`); flags and `HOTHUB_WATCH` give `KIND=GLOB` items.
 */
export const WatchSettings = z.preprocess((input, ctx) => {
  if (!Array.isArray(input)) return input;
  const table: Record<string, unknown[]> = {};
  for (const item of input) {
    const [, kind = '', glob = '', publicPath] = typeof item === 'string' ? (RULE_ARG.exec(item) ?? []) : [];
    if (!glob) ctx.addIssue({ code: 'custom', message: `${String(item)} ${RULE_ARG_HELP}`, input: item });
    else if (!(KINDS as readonly string[]).includes(kind)) ctx.addIssue({ code: 'custom', message: `${kind} is not a kind (kinds: ${KINDS.join(', ')})`, input: item });
    else (table[kind] ??= []).push(publicPath ? { glob, publicPath } : glob);
  }
  return table;
}, RuleTable);
export type WatchSettings = z.output<typeof WatchSettings>;

/** The rules in table order, each glob once per kind. */
export function ruleSpecs(table: WatchSettings): RuleSpec[] {
  return (Object.entries(table) as Array<[KindName, z.infer<typeof Rule> | Array<z.infer<typeof Rule>>]>).flatMap(([kind, rules]) =>
    [rules].flat().map((rule) => (typeof rule === 'string' ? { kind, glob: rule } : { kind, ...rule })),
  );
}
