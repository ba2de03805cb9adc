import { request } from 'node:http';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectError, post, snapshot } from './support/api.js';
import { startHub } from './support/hub.js';
import { tempRoot, write } from './support/temp-root.js';

/** GET with the path sent byte for byte (fetch would normalise `..` and `%2e%2e` away). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function rootWithLinks() {
  const outside = await tempRoot({ 'outside.css': 'SECRET-OUTSIDE', 'tokens.json': '{ "secret": "SECRET-TOKENS" }' });
  const root = await tempRoot({ 'styles/main.css': 'a { color: red }', 'secret.txt': 'SECRET-ROOT' });
  await mkdir(join(root, 'styles/nested'), { recursive: true });
  await symlink(join(outside, 'outside.css'), join(root, 'styles/out.css'));
  await symlink(join(root, 'secret.txt'), join(root, 'styles/up.css'));
  await symlink(join(root, 'styles/main.css'), join(root, 'styles/nested/alias.css'));
  await mkdir(join(root, 'themes'));
  await symlink(join(outside, 'tokens.json'), join(root, 'themes/leak.json'));
  await symlink(join(outside, 'outside.css'), join(root, 'themes/out.css'));
  return { root, outside };
}

const TRAVERSALS = [
  '/assets/style/../secret.txt',
  '/assets/style/../../secret.txt',
  '/assets/style/%2e%2e/secret.txt',
  '/assets/style/%2E%2E/%2e%2e/secret.txt',
  '/assets/style/..%2fsecret.txt',
  '/assets/style/..%2Fsecret.txt',
  '/assets/style/..%5csecret.txt',
  '/assets/style/..\\secret.txt',
  '/assets/style/./main.css',
  '/assets/style//etc/passwd',
  '/assets/style/%2fetc%2fpasswd',
  '/assets/style/main.css%00.txt',
  '/assets/style/out.css',
  '/assets/style/up.css',
  '/assets/%2e%2e/secret.txt',
  '/assets/style/%252e%252e/secret.txt',
  '/assets/theme/leak.css',
  '/assets/theme/out.css',
];

describe('path safety', () => {
  it.each(['dev', 'prod'] as const)('never serves a file outside the watched folders (%s mode)', async (mode) => {
    const { root } = await rootWithLinks();
    const hub = await startHub({ root, mode, token: 'path-safety-token' });
    for (const path of TRAVERSALS) {
      const answer = await rawGet(hub.url!, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('SECRET');
    }
    // A link that stays inside the folder is fine, and the last good sheet still serves.
    expect((await rawGet(hub.url!, '/assets/style/nested/alias.css')).body).toBe('a { color: red }');
    expect((await rawGet(hub.url!, '/assets/style/main.css')).body).toBe('a { color: red }');
  });

  it('never reloads anything outside the watched folders, whatever the target', async () => {
    const { root } = await rootWithLinks();
    await write(root, 'styles.css', 'SECRET');
    const hub = await startHub({ root, mode: 'prod', token: 'path-safety-token' });
    expect(hub.artifacts().map((a) => a.id).sort()).toEqual(['main.css', 'nested/alias.css']);
    const before = snapshot(hub);
    const auth = { authorization: 'Bearer path-safety-token' };
    for (const target of ['style/../secret.txt', 'style/../../secret.txt', 'style/%2e%2e/secret.txt', `style/${root}/secret.txt`, 'style/out.css', 'style/up.css', '../styles.css', 'style//etc/passwd', `/${root}/styles/main.css`]) {
      await expectError(await post(`${hub.url}/reload`, { target }, auth), 404, 'unknown_target');
    }
    expect(snapshot(hub)).toEqual(before);
    expect((await rawGet(hub.url!, '/assets/style/main.css')).body).toBe('a { color: red }');
  });
});
