import { ReloadHistory } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { json } from './support/api.js';
import { twoHubsOnRedis } from './support/cluster.js';
import { connectClient } from './support/hub.js';
import { eventually } from './support/poll.js';

describe('app events on a cluster (issue 17, real redis-server)', () => {
  it("reaches the other hub's pages, in both directions, and is replayed once there after a drop", async () => {
    const { leader, follower } = await twoHubsOnRedis({ 'styles/main.css': 'a{}' });
    const onLeader = await connectClient(leader.url!, { topics: ['cart'] });
    const onFollower = await connectClient(follower.url!, { topics: ['cart'] });
    const other = await connectClient(follower.url!, { topics: ['orders'] });

    const first = await leader.publish('cart', { items: 1 });
    await eventually(() => expect(onFollower.published).toEqual([first]));
    const second = await follower.publish('cart', { items: 2 });
    expect(second.seq).toBeGreaterThan(first.seq);
    await eventually(() => expect(onLeader.published.map((e) => e.data)).toEqual([{ items: 1 }, { items: 2 }]));
    await eventually(() => expect(onFollower.published).toHaveLength(2));

    // A page of the follower that dropped gets what the leader published meanwhile, once, filtered by its topics.
    const { serverId } = onFollower.connected[0]!;
    const lastSeq = onFollower.published.at(-1)!.seq;
    onFollower.socket.close();
    const third = await leader.publish('cart', { items: 3 });
    await leader.publish('orders', 'not for this page');
    await eventually(() => expect(other.published.map((e) => e.data)).toEqual(['not for this page']));
    const back = await connectClient(follower.url!, { topics: ['cart'], lastSeq, serverId });
    await eventually(() => expect(back.published).toEqual([third]));

    const history = await json(await fetch(`${follower.url}/reload/history`), ReloadHistory);
    expect(history.events.filter((e) => e.name === 'published').map((e) => e.payload.seq)).toEqual([third.seq + 1, third.seq, second.seq, first.seq]);
  });
});
