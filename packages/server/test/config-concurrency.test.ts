import { ReloadHistory, ReloadResult, validate } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { configHub } from './support/config.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

const version = (n: number) => `n: ${n}\npayload: ${'x'.repeat(200)}\n`;

async function postReload(url: string, target: string) {
  const response = await fetch(`${url}/reload`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target }),
  });
  expect(response.status).toBe(200);
  const result = validate(ReloadResult, await response.json());
  if (!result.ok) throw new Error(result.error.message);
  return result.value.events;
}

describe('config reload concurrency', () => {
  it('50 concurrent POST /reload mixed with saves end in the last save, every step recorded, never interleaved', async () => {
    const { root, hub } = await configHub({ 'config/app.yaml': version(0) }, { rateLimit: { max: 1000 } });
    let running = 0;
    let overlaps = 0;
    hub.healthChecks.add('one at a time', async () => {
      running++;
      if (running > 1) overlaps++;
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    });

    const posts: Promise<Awaited<ReturnType<typeof postReload>>>[] = [];
    for (let save = 1; save <= 10; save++) {
      await write(root, 'config/app.yaml', version(save));
      for (let i = 0; i < 5; i++) posts.push(postReload(hub.url!, 'config/app'));
    }
    const answered = (await Promise.all(posts)).flat();
    await eventually(() => expect(hub.config.get('app', 'n')).toBe(10));

    expect(overlaps).toBe(0);
    expect(answered).toHaveLength(50);
    expect(answered.every((e) => e.name === 'reloaded' && e.payload.trigger === 'api')).toBe(true);
    // The last save's event follows its apply: wait until the history's newest event is the serving version.
    const history = await eventually(async () => {
      const response = await fetch(`${hub.url}/reload/history?kind=config&limit=500`);
      const body = validate(ReloadHistory, await response.json());
      if (!body.ok) throw new Error(body.error.message);
      const newest = body.value.events[0];
      expect(newest?.name === 'reloaded' && newest.payload.version).toBe(hub.config.version('app'));
      return body;
    });
    const seqs = history.value.events.map((e) => e.payload.seq).reverse();
    // Every POST is in the history, numbered on the one counter, each run a step of its own.
    for (const event of answered) expect(seqs).toContain(event.payload.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(history.value.events.every((e) => e.name === 'reloaded')).toBe(true);
  });

  it('runs reloads of different configs independently', async () => {
    const { root, hub } = await configHub({ 'config/slow.yaml': version(0), 'config/fast.yaml': version(0) });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    hub.healthChecks.add('slow waits', (reload) => (reload?.id === 'slow' ? held : true));
    await write(root, 'config/slow.yaml', version(1));
    await eventually(() => expect(hub.config.get('slow', 'n')).toBe(1)); // applied, its check still waiting
    await write(root, 'config/fast.yaml', version(1));
    await eventually(() => expect(hub.artifacts('config').find((a) => a.id === 'fast')?.reloadCount).toBe(1));
    expect(hub.artifacts('config').find((a) => a.id === 'slow')?.reloadCount).toBe(0);
    release();
    await eventually(() => expect(hub.artifacts('config').find((a) => a.id === 'slow')?.reloadCount).toBe(1));
  });
});
