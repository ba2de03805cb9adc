/** One line of a diff: kept (` `), only in the old text (`-`), only in the new one (`+`). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/**
 * Cells of the LCS table at most (lines changed in the old text × in the new one, once the common head
 * and tail are set aside): past it the changed middle is shown as all removed then all added, so a diff
 * of two unrelated big files stays a few megabytes and milliseconds.
 */
export const MAX_CELLS = 1_000_000;

/**
 * The lines that turn `before` into `after`: the common head and tail as they are, the middle by a
 * longest common subsequence (dynamic programming in one `Uint16Array`: under the cap no length passes 1,000).
 * @example
 * lineDiff('a\nb\n', 'a\nc\n'); // [{ op: ' ', text: 'a' }, { op: '-', text: 'b' }, { op: '+', text: 'c' }]
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = lines(before);
  const b = lines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let endA = a.length;
  let endB = b.length;
  while (endA > head && endB > head && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (from: number, to: number) => a.slice(from, to).map((text): DiffLine => ({ op: ' ', text }));
  const oldPart = a.slice(head, endA);
  const newPart = b.slice(head, endB);
  const middle =
    oldPart.length * newPart.length > MAX_CELLS
      ? [...oldPart.map((text): DiffLine => ({ op: '-', text })), ...newPart.map((text): DiffLine => ({ op: '+', text }))]
      : common(oldPart, newPart);
  return [...same(0, head), ...middle, ...same(endA, a.length)];
}

/** `a` into `b` by their longest common subsequence; removals before additions where both are possible. */
function common(a: readonly string[], b: readonly string[]): DiffLine[] {
  const width = b.length + 1;
  // length[i * width + j]: the LCS of a[i..] and b[j..].
  const length = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      length[i * width + j] = a[i] === b[j] ? length[(i + 1) * width + j + 1]! + 1 : Math.max(length[(i + 1) * width + j]!, length[i * width + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i++]! });
      j++;
    } else if (j >= b.length || (i < a.length && length[(i + 1) * width + j]! >= length[i * width + j + 1]!)) {
      out.push({ op: '-', text: a[i++]! });
    } else {
      out.push({ op: '+', text: b[j++]! });
    }
  }
  return out;
}

/** Lines without their ends; a final newline ends the last line, it starts no empty one. */
function lines(text: string): string[] {
  if (text === '') return [];
  const all = text.split(/\r?\n/);
  if (all.at(-1) === '') all.pop();
  return all;
}

/** Unchanged lines shown around each change; longer unchanged runs fold into one line saying how many. */
const CONTEXT = 3;

/** The diff with long unchanged runs folded: `{ folded: n }` stands for n unchanged lines. */
export function folded(diff: readonly DiffLine[]): Array<DiffLine | { folded: number }> {
  const out: Array<DiffLine | { folded: number }> = [];
  let run: DiffLine[] = [];
  const flush = (atStart: boolean, atEnd: boolean) => {
    const keepHead = atStart ? 0 : CONTEXT;
    const keepTail = atEnd ? 0 : CONTEXT;
    if (run.length > keepHead + keepTail + 1) out.push(...run.slice(0, keepHead), { folded: run.length - keepHead - keepTail }, ...run.slice(run.length - keepTail));
    else out.push(...run);
    run = [];
  };
  for (const line of diff) {
    if (line.op === ' ') {
      run.push(line);
      continue;
    }
    flush(out.length === 0, false);
    out.push(line);
  }
  flush(out.length === 0, true);
  return out;
}
