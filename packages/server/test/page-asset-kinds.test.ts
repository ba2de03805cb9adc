import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from './support/poll.js';
import { connectClient, startHub } from './support/hub.js';
import { tempRoot, write } from './support/temp-root.js';

// 1×1 red and 2×1 blue PNGs.
const RED = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
const BLUE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGNgYPgPRAAFAgH/wSuWnwAAAABJRU5ErkJggg==', 'base64');

describe('page kind', () => {
  it('announces a saved page, template or script by its path under pages/', async () => {
    const root = await tempRoot({ 'pages/index.html': '<h1>a</h1>', 'pages/views/home.njk': 'a', 'pages/notes.txt': 'x' });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await write(root, 'pages/index.html', '<h1>b</h1>');
    await write(root, 'pages/views/home.njk', 'b');
    await write(root, 'pages/notes.txt', 'y');
    await eventually(() => expect(client.reloaded.map((e) => `${e.kind}/${e.id}`).sort()).toEqual(['page/index.html', 'page/views/home.njk']));
    expect(client.reloaded[0]).toMatchObject({ trigger: 'file', cause: { file: expect.stringMatching(/^pages\//) } });
    expect(client.reloaded[0]!.url).toBeUndefined();
  });

  it('refuses a page that is not UTF-8 and still answers', async () => {
    const root = await tempRoot({ 'pages/index.html': '<h1>a</h1>' });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await writeFile(join(root, 'pages/index.html'), Buffer.from([0x3c, 0x68, 0xff, 0xfe]));
    await eventually(() => expect(client.failed.map((e) => e.id)).toEqual(['index.html']));
    expect(client.failed[0]!.error.message).toContain('not valid UTF-8');
    expect(client.reloaded).toEqual([]);
    expect((await fetch(`${hub.url}/hothub/client.js`)).status).toBe(200);
  });
});

describe('asset kind', () => {
  it('announces a saved image with a versioned hub URL that serves its bytes', async () => {
    const root = await tempRoot();
    await write(root, 'assets/img/logo.png', '');
    await writeFile(join(root, 'assets/img/logo.png'), RED);
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await writeFile(join(root, 'assets/img/logo.png'), BLUE);
    const [event] = await eventually(() => {
      expect(client.reloaded).toHaveLength(1);
      return client.reloaded;
    });
    expect(event).toMatchObject({ kind: 'asset', id: 'img/logo.png', url: expect.stringMatching(/^\/assets\/asset\/img\/logo\.png\?v=/) });
    const served = await fetch(`${hub.url}${event!.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(BLUE);
  });

  it('refuses a PNG cut off mid-save or an empty file, and keeps serving the last good image', async () => {
    const root = await tempRoot();
    await write(root, 'assets/logo.png', '');
    await writeFile(join(root, 'assets/logo.png'), RED);
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    await writeFile(join(root, 'assets/logo.png'), BLUE.subarray(0, BLUE.length - 6));
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.error.message).toContain('not a complete PNG (its end is missing');
    await writeFile(join(root, 'assets/logo.png'), Buffer.alloc(0));
    await eventually(() => expect(client.failed).toHaveLength(2));
    expect(client.failed[1]!.error.message).toContain('empty');
    const served = await fetch(`${hub.url}/assets/asset/logo.png`);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(RED);
    expect(client.reloaded).toEqual([]);
  });
});

describe('page and asset kinds through watch rules', () => {
  it('maps public/**/*.html to pages, public/img/** to assets (pages learn /img/), and follows @import across a style rule', async () => {
    const root = await tempRoot({
      'public/index.html': '<h1>a</h1>',
      'public/css/main.css': '@import "partials/q.css";',
      'public/css/partials/q.css': '.q {}',
    });
    await write(root, 'public/img/logo.png', '');
    await writeFile(join(root, 'public/img/logo.png'), RED);
    const hub = await startHub({
      root,
      watch: { page: 'public/**/*.html', asset: { glob: 'public/img/**', publicPath: '/img/' }, style: { glob: 'public/css/**/*.css', publicPath: '/css/' } },
    });
    const client = await connectClient(hub.url!);
    expect(client.connected[0]?.folders).toMatchObject({ asset: 'img', style: 'css' });
    await write(root, 'public/index.html', '<h1>b</h1>');
    await writeFile(join(root, 'public/img/logo.png'), BLUE);
    await write(root, 'public/css/partials/q.css', '.q { color: red }');
    await eventually(() =>
      expect(client.reloaded.map((e) => `${e.kind}/${e.id}`).sort()).toEqual(['asset/logo.png', 'page/index.html', 'style/main.css', 'style/partials/q.css']),
    );
    expect(client.reloaded.find((e) => e.id === 'main.css')!.cause).toEqual({
      file: 'public/css/partials/q.css',
      chain: ['public/css/partials/q.css', 'public/css/main.css'],
    });
  });
});
