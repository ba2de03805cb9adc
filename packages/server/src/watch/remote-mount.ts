import { readFileSync } from 'node:fs';
import { isInside } from '../util/inside-folder.js';

/** File systems whose changes native watchers (inotify) do not see: shared folders, network drives, FUSE. */
const REMOTE_TYPES = /^(nfs4?|cifs|smb3?|smbfs|9p|drvfs|virtiofs|vboxsf|fuse\..*|fuse|fakeowner|grpcfuse)$/;

/** The mounts table on Linux; empty elsewhere (the WSL path rule still applies). */
export function readMounts(): string {
  try {
    return readFileSync('/proc/mounts', 'utf8');
  } catch {
    return '';
  }
}

/**
 * Why native file events may never come for `root` (a Docker bind mount, WSL's `/mnt/c`, a network
 * drive), read from a mounts table in `/proc/mounts` format; undefined when it looks local.
 * @example
 * remoteMount('/mnt/c/app', readFileSync('/proc/mounts', 'utf8')); // 'it is on a 9p mount (/mnt/c)'
 */
export function remoteMount(root: string, mounts: string): string | undefined {
  const holding = mounts
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields.length >= 3)
    .map(([, point = '', type = '']) => ({ point: point.replace(/\\040/g, ' '), type }))
    .filter(({ point }) => point === root || isInside(point, root))
    .sort((a, b) => b.point.length - a.point.length)[0];
  if (holding && REMOTE_TYPES.test(holding.type)) return `it is on a ${holding.type} mount (${holding.point})`;
  if (/^\/mnt\/[a-z](\/|$)/.test(root)) return 'it looks like a Windows drive under WSL (/mnt/<drive>)';
  return undefined;
}
