import { expect, it } from 'vitest';
import { remoteMount } from '../src/watch/remote-mount.js';
import { eventually } from './support/poll.js';
import { connectClient, startHub } from './support/hub.js';
import { tempRoot, write } from './support/temp-root.js';

it('picks up a save by polling with poll: 50, and says so per folder', async () => {
  const root = await tempRoot({ 'styles/main.css': 'a{}' });
  const hub = await startHub({ root, poll: 50, watch: { style: 'public/**/*.css' } });
  const page = await connectClient(hub.url!);
  await write(root, 'styles/main.css', 'a { color: red }');
  await eventually(() => expect(page.reloaded.at(-1)).toMatchObject({ id: 'main.css', content: 'a { color: red }' }));
  expect(new Set(hub.folders().map((f) => f.watcher))).toEqual(new Set(['polling']));
});

it('warns about roots on Docker bind mounts, network drives and WSL drives, from the mounts table', () => {
  const mounts = [
    'overlay / overlay rw 0 0',
    '/dev/sda1 /home ext4 rw 0 0',
    'grpcfuse /app fuse.grpcfuse rw 0 0',
    'server:/export /srv/share nfs4 rw 0 0',
    'drvfs /mnt/c 9p rw 0 0',
    '/dev/sdb1 /app/local ext4 rw 0 0',
  ].join('\n');
  expect(remoteMount('/app/src', mounts)).toBe('it is on a fuse.grpcfuse mount (/app)');
  expect(remoteMount('/srv/share/site', mounts)).toBe('it is on a nfs4 mount (/srv/share)');
  expect(remoteMount('/mnt/c/Users/me/app', mounts)).toBe('it is on a 9p mount (/mnt/c)');
  expect(remoteMount('/mnt/d/app', '')).toBe('it looks like a Windows drive under WSL (/mnt/<drive>)');
  expect(remoteMount('/home/me/app', mounts)).toBeUndefined();
  expect(remoteMount('/app/local/x', mounts)).toBeUndefined();
});
