import { chown, readdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** uid and gid of `nobody`: root reads any file, so permission tests run the hub as nobody. */
export const NOBODY = 65534;

/** Only root can start a process as another user. */
export const canRunAsNobody = userInfo().uid === 0;

/** Gives a folder tree to `nobody`, so a hub running as nobody may read and write it. */
export async function giveToNobody(dir: string): Promise<void> {
  await chown(dir, NOBODY, NOBODY);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await giveToNobody(path);
    else await chown(path, NOBODY, NOBODY);
  }
}
