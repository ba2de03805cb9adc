import { expect, it } from 'vitest';
import { reloadLine } from '../src/ops/reload-line.js';
import { createLogger } from '../src/util/log.js';
import { eventually } from './support/poll.js';
import { startHub } from './support/hub.js';
import { tempRoot, write } from './support/temp-root.js';

const TS = new Date(2026, 0, 1, 14, 2, 11).getTime();

it('prints one line per reload and per failure, with file:line:col', () => {
  const base = { seq: 2, ts: TS, kind: 'style', id: 'main.css', trigger: 'file', cause: { file: 'styles/main.css' } } as const;
  expect(reloadLine({ name: 'reloaded', payload: { ...base, version: 'v', durationMs: 2.14 } })).toBe('14:02:11 reloaded styles/main.css (2.1 ms)');
  const error = { message: 'Unclosed block', file: 'styles/main.css', line: 3, column: 5 };
  expect(reloadLine({ name: 'reload_failed', payload: { ...base, error, rolledBack: false } })).toBe('14:02:11 failed styles/main.css:3:5 Unclosed block');
});

it('names the sheet a saved partial reloaded, and prints nothing for the versions loaded at startup', () => {
  const base = { seq: 3, ts: TS, kind: 'style', id: 'main.css', version: 'v', durationMs: 1 } as const;
  const cause = { file: 'styles/partials/q.css', chain: ['styles/partials/q.css', 'styles/main.css'] };
  expect(reloadLine({ name: 'reloaded', payload: { ...base, trigger: 'file', cause } })).toBe(
    '14:02:11 reloaded styles/main.css (via styles/partials/q.css) (1.0 ms)',
  );
  expect(reloadLine({ name: 'reloaded', payload: { ...base, trigger: 'startup' } })).toBeUndefined();
  const error = { message: 'Unclosed block', line: 1, column: 1 };
  expect(reloadLine({ name: 'reload_failed', payload: { ...base, trigger: 'startup', error, rolledBack: false } })).toBe(
    '14:02:11 failed style/main.css:1:1 Unclosed block',
  );
});

it('a dev hub writes those lines to its log as saves happen, the last good version still serving', async () => {
  const root = await tempRoot({ 'styles/main.css': 'a{}' });
  const lines: string[] = [];
  const hub = await startHub({ root, logger: createLogger({ level: 'info', write: (line) => lines.push(line) }) });
  await write(root, 'styles/main.css', 'a {');
  await eventually(() => expect(lines.some((line) => / failed styles\/main\.css:1:1 /.test(line))).toBe(true));
  await write(root, 'styles/main.css', 'a { color: red }');
  await eventually(() => expect(lines.some((line) => /\d\d:\d\d:\d\d reloaded styles\/main\.css \(\d+\.\d ms\)$/.test(line))).toBe(true));
  expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red }');
});
