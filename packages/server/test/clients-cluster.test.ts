import { ClientList } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { json } from './support/api.js';
import { twoHubsOnRedis } from './support/cluster.js';
import { connectClient } from './support/hub.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const pagesOf = async (url: string) => (await json(await fetch(`${url}/clients`), ClientList)).pages;

describe('GET /clients on a cluster (real redis-server)', () => {
  it('lists the pages of every hub on each hub, with the hub serving each and what it applied', async () => {
    const { root, leader, follower } = await twoHubsOnRedis({ 'styles/main.css': 'a { color: red; }' });
    const onLeader = await connectClient(leader.url!, { page: 'http://app.test/leader' });
    const onFollower = await connectClient(follower.url!, { page: 'http://app.test/follower' });
    await connectClient(follower.url!, { console: true });

    const expected = [
      { url: 'http://app.test/follower', hub: follower.url, id: onFollower.socket.id },
      { url: 'http://app.test/leader', hub: leader.url, id: onLeader.socket.id },
    ];
    const byUrl = (pages: Array<{ url?: string | undefined }>) => [...pages].sort((a, b) => (a.url ?? '').localeCompare(b.url ?? ''));
    for (const hub of [leader, follower]) {
      await eventually(async () => expect(byUrl(await pagesOf(hub.url!))).toMatchObject(expected));
    }

    // A version the follower's page applied shows on the leader's list, as it does on the follower's.
    await write(root, 'styles/main.css', 'a { color: blue; }');
    await eventually(() => expect(onFollower.reloaded).toHaveLength(1));
    const event = onFollower.reloaded[0]!;
    onFollower.socket.emit('applied', { seq: event.seq });
    await eventually(async () => {
      const listed = (await pagesOf(leader.url!)).find((page) => page.url === 'http://app.test/follower');
      expect(listed?.applied['style/main.css']).toMatchObject({ version: event.version, seq: event.seq });
      expect(listed?.behind).toEqual([]);
    });

    // A page that leaves is gone from every hub's list.
    onFollower.socket.close();
    await eventually(async () => expect((await pagesOf(leader.url!)).map((page) => page.url)).toEqual(['http://app.test/leader']));
  });
});
