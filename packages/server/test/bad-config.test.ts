import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createHub } from '../src/index.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

it('refuses a root that does not exist, and creates nothing there', async () => {
  const parent = await tempRoot();
  const root = join(parent, 'typo');
  expect(() => createHub({ root, port: 0 })).toThrow(`root ${root} does not exist: create it or pass --root with an existing folder`);
  expect(existsSync(root)).toBe(false);
});

it('refuses a root that is a file', async () => {
  const parent = await tempRoot({ 'app.css': 'a{}' });
  const root = join(parent, 'app.css');
  expect(() => createHub({ root, port: 0 })).toThrow(`root ${root} is a file, not a folder`);
});

it('refuses two kinds sharing one folder', async () => {
  const root = await tempRoot();
  expect(() => createHub({ root, port: 0, dirs: { theme: 'shared', style: 'shared/' } })).toThrow(
    /^dirs\.(style|theme) and dirs\.(style|theme) are the same folder \(shared\): give each kind its own folder$/,
  );
});

it('gives a file in nested kind folders to the innermost one: config/ inside a theme folder at the root stays config', async () => {
  const root = await tempRoot({ 'config/app.json': '{"title":"one"}', 'dark.json': '{"color":{"bg":"#000"}}' });
  const hub = await startHub({ root, dirs: { theme: '.' } });
  expect(hub.config.get('app')).toEqual({ title: 'one' });
  expect(hub.artifacts('theme').map((a) => a.id)).toEqual(['dark']);
});
