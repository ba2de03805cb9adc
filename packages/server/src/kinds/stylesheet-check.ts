import { CssSyntaxError, parse, type Root } from 'postcss';
import { decodeUtf8 } from '../util/decode-utf8.js';
import { ReloadFailure } from '../util/errors.js';
import { positionAt } from '../util/text-position.js';

/** At-rules that are complete without a block or a `;`: the end of the file ends them (CSS Syntax 3, "consume an at-rule"). */
const STATEMENT_AT_RULES = new Set(['import', 'charset', 'namespace', 'layer']);

/** A sheet that passed the check: its text, and its postcss tree for whoever reads more of it (its `@import`s). */
export interface CheckedSheet {
  text: string;
  root: Root;
}

/**
 * Checks a stylesheet before it serves and returns its text (a leading byte order mark dropped) and its parse:
 * strict UTF-8, no NUL, and postcss must parse it. postcss refuses what a browser would silently
 * repair, above all a truncated sheet (unclosed block, string or comment at the end), so a
 * half-written save never reaches a page. Failures name line and column (1-based).
 * @example
 * checkStylesheet(Buffer.from('a { color: red'), '/app/styles/main.css'); // throws: invalid CSS: Unclosed block (1:1)
 */
export function checkStylesheet(bytes: Uint8Array, file: string): CheckedSheet {
  const text = decodeUtf8(bytes, file);
  const nul = text.indexOf('\0');
  // CSS would read NUL as U+FFFD; in a text file it means binary data or a writer that preallocated the file.
  if (nul !== -1) throw new ReloadFailure('invalid CSS: a NUL byte (binary data, or a file still being written?)', { file, ...positionAt(text, nul) });
  const root = parseCss(text, file);
  refuseTruncatedAtRule(root, file);
  return { text, root };
}

function parseCss(text: string, file: string): Root {
  try {
    return parse(text, { from: file });
  } catch (error) {
    if (!(error instanceof CssSyntaxError)) throw error;
    const at = error.line !== undefined && error.column !== undefined ? { line: error.line, column: error.column } : {};
    throw new ReloadFailure(`invalid CSS: ${error.reason}`, { file, ...at });
  }
}

/**
 * postcss accepts a sheet that ends in an at-rule's prelude (`… @media (min-width:`), as the
 * CSS spec does; that is how a file cut off mid-save looks, so it is refused unless the at-rule
 * is a statement that may end there (`@import "x"`).
 */
function refuseTruncatedAtRule(root: Root, file: string): void {
  const last = root.last;
  if (last?.type !== 'atrule' || last.nodes !== undefined || root.raws.semicolon || STATEMENT_AT_RULES.has(last.name.toLowerCase())) return;
  const start = last.source?.start;
  throw new ReloadFailure(`invalid CSS: the sheet ends inside @${last.name} (no { … } block and no ;): a file cut off while being saved?`, {
    file,
    ...(start ? { line: start.line, column: start.column } : {}),
  });
}
