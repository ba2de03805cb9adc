import { expect, it } from 'vitest';
import { openBrowser, openCommand } from '../src/cli/open-browser.js';

it('--open spawns the platform opener with the URL (xdg-open, open, cmd /c start), and nothing in CI or without a display', () => {
  const spawned: Array<[string, string[]]> = [];
  const spawner = (command: string, args: string[]) => void spawned.push([command, args]);
  const url = 'http://127.0.0.1:8888/';
  expect(openBrowser(url, { platform: 'linux', env: { DISPLAY: ':0' }, spawner })).toBe(`  opening ${url} in your browser`);
  expect(openBrowser(url, { platform: 'darwin', env: {}, spawner })).toContain('opening');
  expect(spawned).toEqual([
    ['xdg-open', [url]],
    ['open', [url]],
  ]);
  expect(openCommand('win32', url)).toEqual(['cmd', ['/c', 'start', '""', url]]);
  expect(openBrowser(url, { platform: 'linux', env: { DISPLAY: ':0', CI: 'true' }, spawner })).toMatch(/not opening a browser \(CI is set\)/);
  expect(openBrowser(url, { platform: 'linux', env: {}, spawner })).toMatch(/no display/);
  expect(spawned).toHaveLength(2);
});
