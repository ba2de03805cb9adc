import { parse } from 'postcss';
import { describe, expect, it } from 'vitest';
import { compiledBy } from '../src/kinds/compiled-css.js';
import { createLogger } from '../src/util/log.js';
import { eventually } from './support/poll.js';
import { connectClient, startHub } from './support/hub.js';
import { tempRoot, write } from './support/temp-root.js';

describe('sheets a build tool compiles', () => {
  it.each([
    ['@tailwind utilities;', '@tailwind'],
    ['@import "tailwindcss";', '@import "tailwindcss"'],
    ["@import 'tailwindcss/utilities' layer(utilities);", "@import 'tailwindcss/utilities' layer(utilities)"],
    ['@media (min-width: 1px) { .a { @apply p-4; } }', '@apply'],
    ['@import "partials/q.css"; @import url(https://x.test/f.css); @import "/css/a.css"; .a {}', undefined],
    ['@layer base { .a { color: red } } @media print { .a {} }', undefined],
  ])('%s → %s', (css, tool) => {
    expect(compiledBy(parse(css))).toBe(tool);
  });

  it('announces a compiled sheet without its source text and says why once in the log', async () => {
    const root = await tempRoot({ 'styles/main.css': '@tailwind utilities;\n.a { color: red }', 'styles/plain.css': '.p {}' });
    const lines: string[] = [];
    const hub = await startHub({ root, logger: createLogger({ level: 'info', write: (line) => lines.push(line) }) });
    const client = await connectClient(hub.url!);
    await write(root, 'styles/main.css', '@tailwind utilities;\n.a { color: blue }');
    await write(root, 'styles/plain.css', '.p { color: blue }');
    await eventually(() => expect(client.reloaded.map((e) => e.id).sort()).toEqual(['main.css', 'plain.css']));
    const main = client.reloaded.find((e) => e.id === 'main.css')!;
    expect(main.content).toBeUndefined();
    expect(main.url).toMatch(/^\/assets\/style\/main\.css\?v=/);
    expect(client.reloaded.find((e) => e.id === 'plain.css')!.content).toBe('.p { color: blue }');
    expect(lines.filter((line) => line.includes('compiled by a build tool'))).toEqual([
      expect.stringContaining("main.css is compiled by a build tool (@tailwind): pages reload it from the app's own URL"),
    ]);
  });
});
