import { load as loadYaml, YAMLException } from 'js-yaml';
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { decodeUtf8 } from '../util/decode-utf8.js';
import { ReloadFailure } from '../util/errors.js';
import { positionAt } from '../util/text-position.js';

export type ConfigFormat = 'json' | 'yaml';

/**
 * Values a YAML document may expand to beyond one per character of its text. js-yaml shares the
 * node an alias points to instead of copying it, so an alias bomb ("billion laughs") is small in
 * memory, but anything that walks it (validation, diffs) would take forever: past this, it fails.
 */
export const YAML_EXPANSION_ALLOWANCE = 100_000;

/** A config document: keys at the top, as every config file must have. */
export type ConfigData = Record<string, unknown>;

/**
 * Decodes (strict UTF-8) and parses a config file. Failures name line and column but never
 * quote the file, so a secret next to a typo stays out of events and logs.
 * @example
 * parseConfig(Buffer.from('port: 8080\n'), 'yaml', '/app/config/app.yaml'); // { port: 8080 }
 */
export function parseConfig(bytes: Uint8Array, format: ConfigFormat, file: string): ConfigData {
  const text = decodeUtf8(bytes, file);
  const data = format === 'json' ? parseJson(text, file) : parseYaml(text, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ReloadFailure(`${file} must hold keys at the top level (an object), not ${describe(data)}`, { file, line: 1, column: 1 });
  }
  return Object.fromEntries(Object.entries(data));
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // V8 on Node 20 names no position (and quotes the text): locate the error with a real parser.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const reason = first ? words(printParseErrorCode(first.error)) : 'not valid JSON';
    throw new ReloadFailure(`invalid JSON: ${reason}`, { file, ...(first ? positionAt(text, first.offset) : {}) });
  }
}

// js-yaml rather than the yaml package: about five times faster on a 10 KB config (bench/config-reload.mjs).
function parseYaml(text: string, file: string): unknown {
  let data: unknown;
  try {
    data = loadYaml(text, { filename: file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    // `reason`, not `message`: the message quotes the lines around the error.
    const at = error.mark ? { line: error.mark.line + 1, column: error.mark.column + 1 } : {};
    throw new ReloadFailure(`invalid YAML: ${error.reason}`, { file, ...at });
  }
  const limit = text.length + YAML_EXPANSION_ALLOWANCE;
  if (!expandsWithin(data, limit)) {
    throw new ReloadFailure(`invalid YAML: its aliases expand to more than ${limit} values (an alias bomb?)`, { file });
  }
  return data;
}

/** Walks the document as a reader would (aliases expanded), giving up past `limit` values. */
function expandsWithin(root: unknown, limit: number): boolean {
  let budget = limit;
  const stack: unknown[] = [root];
  while (stack.length) {
    const value = stack.pop();
    if (--budget < 0) return false;
    if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) stack.push(child);
  }
  return true;
}

/** `CommaExpected` → `comma expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty document';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
