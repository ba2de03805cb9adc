import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { ReloadHistory } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { contentHash } from '../src/util/content-hash.js';
import { type ClusterHub, startCluster } from './support/cluster.js';
import { eventually } from './support/poll.js';
import { prng } from './support/prng.js';
import { write } from './support/temp-root.js';

const SAVES = 30;
const CONFIG = 'config/app.json';
const Serving = z.object({ serving: z.optional(z.string()) });

/** What a hub says of `config/app`: the version it serves and the one its latest event announced. */
async function configState(hub: ClusterHub): Promise<{ serving: string | undefined; announced: string | undefined }> {
  const versions = Serving.parse(await (await fetch(`${hub.url}/rollback/config/app`)).json());
  const history = ReloadHistory.parse(await (await fetch(`${hub.url}/reload/history?kind=config&limit=1`)).json());
  const latest = history.events[0];
  return { serving: versions.serving, announced: latest?.name === 'reloaded' ? latest.payload.version : `(${latest?.name})` };
}

describe('hubs on one Redis under a burst of config saves (issue 12)', () => {
  it(
    'every hub ends serving the version of the final file, the one its latest event announced',
    async () => {
      const { root, hubs } = await startCluster(3, { [CONFIG]: JSON.stringify({ n: 0 }) });
      const random = prng(12);
      for (let n = 1; n <= SAVES; n++) {
        await write(root, CONFIG, JSON.stringify({ n }));
        // 5-20 ms apart, as an editor's autosave or a script writes.
        await pause(5 + Math.floor(random() * 16));
      }
      const final = contentHash(await readFile(join(root, CONFIG)));
      await eventually(async () => {
        const states = await Promise.all(hubs.map(configState));
        expect(states).toEqual(hubs.map(() => ({ serving: final, announced: final })));
      }, 15_000);
    },
    40_000,
  );
});
