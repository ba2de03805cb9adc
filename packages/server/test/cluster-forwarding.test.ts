import { HISTORY_MAX_LIMIT, type Published, ReloadHistory } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { json, post } from './support/api.js';
import { twoHubsOnRedis } from './support/cluster.js';
import { connectClient } from './support/hub.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const historyOf = async (url: string) =>
  (await json(await fetch(`${url}/reload/history?limit=${HISTORY_MAX_LIMIT}`), ReloadHistory)).events.map((entry) => `${entry.payload.seq} ${entry.name}`).sort();

// Issue 12: a follower that numbered `POST /reload` and `hub.publish` itself could hand out the seq the leader was
// handing out to a save at the same instant; Redis refused the follower's, and its pages then skipped the leader's.
describe('a follower forwards what it would number to the leader (real redis-server)', () => {
  it('saves on the leader and reloads and publishes on the follower, at once: one numbering, every event on both hubs and their pages', async () => {
    const { root, leader, follower } = await twoHubsOnRedis({ 'styles/main.css': 'a { color: #000 }' }, { rateLimit: { max: 100_000 } });
    const onLeader = await connectClient(leader.url!);
    const onFollower = await connectClient(follower.url!);

    // The follower publishes the instant the leader numbered a save, before the leader's event can reach it
    // through Redis: the worst moment for two numberings.
    const publishing: Array<Promise<Published>> = [];
    leader.on('reloaded', (event) => {
      if (event.trigger === 'file') publishing.push(follower.publish('cart', { after: event.seq }));
    });
    const reloads = Promise.all(Array.from({ length: 5 }, () => post(`${follower.url}/reload`, { target: 'style/main.css', triggeredBy: 'test' })));
    for (let i = 1; i <= 15; i++) {
      await write(root, 'styles/main.css', `a { color: #${String(i).padStart(3, '0')} }`);
      await eventually(() => expect(onLeader.reloaded.at(-1)?.content).toBe(`a { color: #${String(i).padStart(3, '0')} }`));
    }
    const answers = await reloads;
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    // One per save the leader ran from the file (a forwarded reload may have announced a save first).
    const events = await Promise.all(publishing);
    expect(events.length).toBeGreaterThan(5);

    // The leader numbered the follower's events: every one is in the leader's history under the seq the follower was given.
    const onLeaderHistory = await historyOf(leader.url!);
    for (const event of events) expect(onLeaderHistory).toContain(`${event.seq} published`);
    // Both hubs end with the same history, and each page got every reload and publish of it once, in order.
    await eventually(async () => expect(await historyOf(follower.url!)).toEqual(await historyOf(leader.url!)));
    const sent = (await historyOf(leader.url!)).filter((line) => /reloaded|published/.test(line)).map((line) => Number(line.split(' ')[0]));
    for (const page of [onLeader, onFollower]) {
      const since = page.connected[0]!.seq;
      await eventually(() => {
        const seen = [...page.reloaded, ...page.published].map((event) => event.seq).sort((a, b) => a - b);
        expect(seen).toEqual(sent.filter((seq) => seq > since).sort((a, b) => a - b));
      });
    }
    await eventually(() => expect(onFollower.reloaded.at(-1)?.content).toBe('a { color: #015 }'));
  });
});
