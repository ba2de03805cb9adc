import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReloadFailure } from '../src/util/errors.js';
import { readSettled } from '../src/util/read-settled.js';
import { tempRoot } from './support/temp-root.js';

describe('readSettled', () => {
  it('returns a complete file at once', async () => {
    const root = await tempRoot({ 'a.css': 'a { color: red }' });
    expect((await readSettled(join(root, 'a.css'))).toString()).toBe('a { color: red }');
  });

  it('returns an empty file once it stays empty (a truncate-then-write save gets a grace period)', async () => {
    const root = await tempRoot({ 'a.css': '' });
    expect((await readSettled(join(root, 'a.css'))).length).toBe(0);
  });

  it('names a directory and a non-regular file instead of reading them', async () => {
    const root = await tempRoot({ 'x.css/inner': '' });
    await expect(readSettled(join(root, 'x.css'))).rejects.toThrow(ReloadFailure);
    await expect(readSettled(join(root, 'x.css'))).rejects.toThrow(/is not a regular file/);
    execFileSync('mkfifo', [join(root, 'pipe.css')]);
    await expect(readSettled(join(root, 'pipe.css'))).rejects.toThrow(/is not a regular file/);
  });

  it('rethrows ENOENT untouched, so a file deleted mid-save is skipped rather than reported', async () => {
    const root = await tempRoot();
    await expect(readSettled(join(root, 'gone.css'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
