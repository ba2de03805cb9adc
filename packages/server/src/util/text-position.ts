/** A 1-based line and column (in UTF-16 units, as editors and browsers count them). */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Where a character offset of `text` is.
 * @example
 * positionAt('a\nbc', 3); // { line: 2, column: 2 }
 */
export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
