import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from './support/cli.js';
import { logCount, startCluster } from './support/cluster.js';
import { eventually } from './support/poll.js';
import { SeqClient } from './support/seq-client.js';
import { write } from './support/temp-root.js';

describe('bad input around a cluster', () => {
  it.each([
    [['--redis', 'http://127.0.0.1:6379'], {}],
    [[], { HOTHUB_REDIS: 'not a url' }],
  ])('refuses a --redis / HOTHUB_REDIS that is not a Redis URL, in one line', async (args, env) => {
    const run = runCli(['--port', '0', ...args], env);
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stderr()).toMatch(/redis.*must be a Redis URL such as redis:\/\//);
  });

  it('skips entries of the cluster stream that are not events, and edits keep reaching every page', async () => {
    const { redis, root, hubs } = await startCluster(2, { 'styles/main.css': 'a { color: red }' });
    const pages = await Promise.all(
      hubs.map(async (hub) => {
        const page = new SeqClient();
        await page.connect(hub.url);
        return page;
      }),
    );
    const writer = new Redis(redis.url);
    onTestFinished(() => void writer.disconnect());
    await writer.xadd('hothub:events', '*', 'seq', '99', 'origin', 'intruder', 'event', '{not json', 'file', '');
    await writer.xadd('hothub:events', '*', 'seq', '99', 'origin', 'intruder', 'event', '{"name":"reloaded","payload":{"seq":-1}}', 'file', 'main.css');
    await writer.xadd('hothub:events', '*', 'origin', 'intruder');
    await eventually(() => {
      for (const hub of hubs) expect(logCount(hub, 'skipped an invalid entry of the cluster stream')).toBe(3);
    });
    for (const hub of hubs) expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe('a { color: red }');

    await write(root, 'styles/main.css', 'a { color: green }');
    await eventually(() => {
      for (const page of pages) expect(page.contents('main.css')).toEqual(['a { color: green }']);
    }, 10_000);
  }, 30_000);
});
