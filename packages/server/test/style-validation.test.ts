import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot } from './support/temp-root.js';

const GOOD = 'a { color: red }\n';

/** Damaged sheets, each with where the hub must say it is broken. */
const BAD: Array<[string, Buffer, { line: number; column: number; message: RegExp }]> = [
  ['binary garbage (a PNG header)', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), { line: 1, column: 1, message: /is not valid UTF-8/ }],
  ['invalid UTF-8 (Latin-1 é)', Buffer.from('a { color: red }\nb::after { content: "caf\xe9" }\n', 'latin1'), { line: 2, column: 25, message: /is not valid UTF-8/ }],
  ['a NUL byte', Buffer.from('a { color: red }\nb {\0}\n'), { line: 2, column: 4, message: /^invalid CSS: a NUL byte/ }],
  ['an unclosed block', Buffer.from('a { color: red }\nb { color: blue;\n'), { line: 2, column: 1, message: /^invalid CSS: Unclosed block$/ }],
  ['a stray closing brace', Buffer.from('a { color: red }\n  }\nb {}\n'), { line: 2, column: 3, message: /^invalid CSS: Unexpected }$/ }],
  ['an unterminated string', Buffer.from('a { color: red }\nb::after { content: "abc }\n'), { line: 2, column: 21, message: /^invalid CSS: Unclosed string$/ }],
  ['an unterminated comment', Buffer.from('a { color: red }\n/* half a note'), { line: 2, column: 1, message: /^invalid CSS: Unclosed comment$/ }],
  ['a sheet cut off mid-rule', Buffer.from('a { color: red }\nb { col'), { line: 2, column: 5, message: /^invalid CSS: Unknown word/ }],
  ['a sheet cut off mid-value', Buffer.from('a { color: red }\nb { color: bl'), { line: 2, column: 1, message: /^invalid CSS: Unclosed block$/ }],
  ['a sheet cut off in an at-rule', Buffer.from('a { color: red }\n@media (min-width: 40'), { line: 2, column: 1, message: /^invalid CSS: the sheet ends inside @media/ }],
];

/** Syntax browsers accept that a strict checker might not: modern CSS and old vendor hacks. */
const MODERN_AND_HACKS = `@charset "utf-8";
@import url("base.css") layer(base);
@layer reset, base, ui;
@layer ui { .card { padding: 1rem } }
.card {
  color: oklch(70% 0.1 200);
  & .title { font-weight: 600 }
  &:hover > .icon { rotate: 10deg }
  @media (width >= 40em) { display: grid }
}
@container sidebar (min-width: 400px) { .card { grid-template-columns: subgrid } }
figure:has(> img, > video) { margin: 0 }
:root { --empty:; --block: {a:b}; --list: [1 2 3]; --json: { "a": [1, 2] }; }
@property --angle { syntax: '<angle>'; inherits: false; initial-value: 0deg }
@scope (.card) to (.content) { img { border: 1px solid } }
@starting-style { .dialog { opacity: 0 } }
.clearfix { *zoom: 1; _height: 1px; color: red !ie; }
.gradient { filter: progid:DXImageTransform.Microsoft.gradient(startColorstr='#80000000', endColorstr='#80000000'); }
@media \\0screen { .ie8 { color: blue } }
@media screen and (-webkit-min-device-pixel-ratio: 0) { .webkit { color: green } }
@font-face { font-family: "X"; src: url(data:font/woff2;base64,d09GMgABAAAAA) format("woff2"); unicode-range: U+0000-00FF, U+0131; }
@keyframes spin { from { transform: rotate(0) } to { transform: rotate(1turn) } }
@supports not (display: grid) { .card { float: left } }
a[href$=".pdf" i]::after { content: "\\2193  PDF"; }
`;

const require = createRequire(import.meta.url);

describe('stylesheet validation', () => {
  it.each(BAD)('refuses %s with reload_failed naming line and column; the last good sheet keeps serving', async (_what, bytes, expected) => {
    const root = await tempRoot({ 'styles/main.css': GOOD });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const file = join(root, 'styles/main.css');
    await writeFile(file, bytes);
    await eventually(() => expect(client.failed).toHaveLength(1));
    const { message, ...location } = client.failed[0]!.error;
    expect(client.failed[0]).toMatchObject({ kind: 'style', id: 'main.css' });
    expect(location).toEqual({ file: 'styles/main.css', line: expected.line, column: expected.column });
    expect(message).toMatch(expected.message);
    expect(message).not.toContain(root);
    expect(client.reloaded).toEqual([]);
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe(GOOD);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  });

  it.each([
    ['modern syntax and vendor hacks', MODERN_AND_HACKS],
    ['Bootstrap 5.3.9 (280 KB, unminified)', require.resolve('bootstrap/dist/css/bootstrap.css')],
    ['Bootstrap 5.3.9 minified', require.resolve('bootstrap/dist/css/bootstrap.min.css')],
  ])('accepts %s and serves its bytes unchanged', async (_what, sheetOrFile) => {
    const sheet = sheetOrFile.startsWith('/') ? await readFile(sheetOrFile, 'utf8') : sheetOrFile;
    const root = await tempRoot({ 'styles/main.css': GOOD });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await writeFile(join(root, 'styles/main.css'), sheet);
    await eventually(() => expect([...client.reloaded, ...client.failed]).toHaveLength(1));
    expect(client.failed).toEqual([]);
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe(sheet);
  });

  it('takes a good save after a refused one', async () => {
    const root = await tempRoot({ 'styles/main.css': GOOD });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await writeFile(join(root, 'styles/main.css'), 'a { color: blue');
    await eventually(() => expect(client.failed).toHaveLength(1));
    await writeFile(join(root, 'styles/main.css'), 'a { color: blue }');
    await eventually(() => expect(client.reloaded.map((e) => e.content)).toEqual(['a { color: blue }']));
  });
});
