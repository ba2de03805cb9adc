import { errorMessage, formatPath, validate } from '@hothub/shared';
import * as z from 'zod';
import { ReloadFailure } from '../util/errors.js';

/** Design tokens: nested names down to string or number values, `{ "color": { "accent": "#6d28d9" } }`. */
export interface Tokens {
  [name: string]: string | number | Tokens;
}

// Names and values end up inside a CSS rule: refuse anything that could close it.
const TokenName = z.string().regex(/^[A-Za-z0-9_-]+$/, 'token names may only use letters, digits, - and _');
const TokenString = z.string().regex(/^[^;{}<>]*$/, 'token values may not contain ; { } < or >');
/**
 * One level of a token tree; nested groups are checked level by level (`checkTokens`), because a
 * recursive zod union reports a failure deep inside a group at the group, not at the token.
 */
const TokenLevel = z.record(TokenName, z.union([TokenString, z.number().finite(), z.record(z.string(), z.unknown())]));

/** Validates a token tree; a failure names its full JSON path, e.g. `color.accent`. */
export function checkTokens(raw: unknown, at: readonly string[] = []): Tokens {
  const level = validate(TokenLevel, raw, 'theme tokens');
  if (!level.ok) {
    const issue = level.error.issues[0];
    const path = formatPath([...at, ...(issue?.path ? [issue.path] : [])]);
    throw new TokenError(path, issue?.message ?? level.error.message);
  }
  const tokens: Tokens = {};
  for (const [name, value] of Object.entries(level.value)) {
    tokens[name] = typeof value === 'object' ? checkTokens(value, [...at, name]) : value;
  }
  return tokens;
}

export class TokenError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`invalid theme tokens${path ? ` at ${path}` : ''}: ${reason}`);
    this.name = 'TokenError';
  }
}

/**
 * Parses and validates a theme file; failures name the line and column (bad JSON) or the
 * JSON path (`color.accent`) of the problem.
 */
export function parseTokens(text: string, file: string): Tokens {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ReloadFailure(`invalid JSON: ${errorMessage(error)}`, {
      file,
      ...jsonErrorLocation(error, text),
    });
  }
  try {
    return checkTokens(raw);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    throw new ReloadFailure(error.message, { file, ...lineOfPath(text, error.path) });
  }
}

/** `:root { --color-accent: #6d28d9; }`: one custom property per token, names joined with `-`. */
export function tokensToCss(tokens: Tokens): string {
  const lines: string[] = [];
  const walk = (node: Tokens, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === 'object') walk(value, `${prefix}${name}-`);
      else lines.push(`  --${prefix}${name}: ${value};`);
    }
  };
  walk(tokens, '');
  return `:root {\n${lines.join('\n')}\n}\n`;
}

/** V8 reports `… in JSON at position N` (Node 20) and sometimes `(line L column C)`. */
function jsonErrorLocation(error: unknown, text: string): { line?: number; column?: number } {
  const message = errorMessage(error);
  const explicit = /\(line (\d+) column (\d+)\)/.exec(message);
  if (explicit) return { line: Number(explicit[1]), column: Number(explicit[2]) };
  const position = /at position (\d+)/.exec(message);
  if (!position) return {};
  const before = text.slice(0, Number(position[1]));
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/** The line of the last key of a JSON path, good enough to jump to it in an editor. */
function lineOfPath(text: string, path: string | undefined): { line?: number } {
  const key = path?.split(/[.[\]]/).filter(Boolean).at(-1);
  if (!key) return {};
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? {} : { line: text.slice(0, at).split('\n').length };
}
