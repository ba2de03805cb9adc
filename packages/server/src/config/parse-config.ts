import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { LineCounter, parseDocument } from 'yaml';
import { ReloadFailure } from '../util/errors.js';

export type ConfigFormat = 'json' | 'yaml';

/** YAML aliases expanded per document at most: a "billion laughs" file fails instead of eating memory. */
export const MAX_YAML_ALIASES = 100;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A config document: keys at the top, as every config file must have. */
export type ConfigData = Record<string, unknown>;

/**
 * Decodes (strict UTF-8) and parses a config file. Failures name line and column but never
 * quote the file, so a secret next to a typo stays out of events and logs.
 * @example
 * parseConfig(Buffer.from('port: 8080\n'), 'yaml', '/app/config/app.yaml'); // { port: 8080 }
 */
export function parseConfig(bytes: Uint8Array, format: ConfigFormat, file: string): ConfigData {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ReloadFailure(`${file} is not valid UTF-8: save it with UTF-8 encoding`, { file });
  }
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

function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new ReloadFailure(`invalid YAML: ${error.message}`, { file, line, column: col });
  }
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (cause) {
    // yaml throws a ReferenceError when aliases expand past the limit (an alias bomb).
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ReloadFailure(`invalid YAML: ${reason} (more than ${MAX_YAML_ALIASES} alias expansions)`, { file }, { cause });
  }
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** `CommaExpected` → `comma expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty document';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
