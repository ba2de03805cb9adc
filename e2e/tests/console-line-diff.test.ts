import { describe, expect, it } from 'vitest';
import { folded, lineDiff, MAX_CELLS } from '../../packages/console/src/line-diff.js';

describe("the console's line diff", () => {
  it('keeps common lines, removes then adds what changed', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nx\nc\n')).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
    ]);
    expect(lineDiff('x\na\nb\nc\ny', 'x\nb\nc\nd\ny').filter((l) => l.op !== ' ')).toEqual([
      { op: '-', text: 'a' },
      { op: '+', text: 'd' },
    ]);
    expect(lineDiff('', 'a\n')).toEqual([{ op: '+', text: 'a' }]);
    expect(lineDiff('same\r\n', 'same\n')).toEqual([{ op: ' ', text: 'same' }]);
  });

  it('past its cell cap shows the changed middle as removed then added, in bounded time and memory', () => {
    const side = Math.ceil(Math.sqrt(MAX_CELLS)) + 1;
    const before = Array.from({ length: side }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: side }, (_, i) => `new ${i}`).join('\n');
    const diff = lineDiff(`head\n${before}\ntail`, `head\n${after}\ntail`);
    expect(diff).toHaveLength(2 * side + 2);
    expect(diff.slice(1, side + 1).every((l) => l.op === '-')).toBe(true);
    expect(diff.slice(side + 1, -1).every((l) => l.op === '+')).toBe(true);
  });

  it('folds long unchanged runs, keeping three lines around each change', () => {
    const lines = Array.from({ length: 20 }, (_, i) => String(i));
    const changed = lines.map((l) => (l === '10' ? 'X' : l));
    const shown = folded(lineDiff(lines.join('\n'), changed.join('\n')));
    expect(shown[0]).toEqual({ folded: 7 });
    expect(shown.at(-1)).toEqual({ folded: 6 });
    expect(shown.filter((l) => 'op' in l && l.op !== ' ')).toEqual([
      { op: '-', text: '10' },
      { op: '+', text: 'X' },
    ]);
  });
});
