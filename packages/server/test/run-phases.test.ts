import { ReloadHistory, type RunPhases } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { json } from './support/api.js';
import { configHub } from './support/config.js';
import { eventually } from './support/poll.js';
import { write } from './support/temp-root.js';

/** The sum of a run's phases: never more than its duration (both from one clock; each rounded to the µs). */
const total = (phases: RunPhases) => Object.values(phases).reduce<number>((sum, ms) => sum + (ms ?? 0), 0);

describe('phase timings of a run', () => {
  it('reloaded carries read, validate, backup, apply, check and commit, to pages and in history', async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': 'level: 1\n' });
    await write(root, 'config/app.yaml', 'level: 2\n');
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    const event = client.reloaded[0]!;
    expect(Object.keys(event.phases ?? {})).toEqual(['read', 'validate', 'backup', 'apply', 'check', 'commit']);
    for (const ms of Object.values(event.phases!)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(total(event.phases!)).toBeLessThanOrEqual(event.durationMs + 0.01);
    const history = await json(await fetch(`${hub.url}/reload/history?limit=1`), ReloadHistory);
    expect(history.events[0]).toMatchObject({ name: 'reloaded', payload: { seq: event.seq, phases: event.phases } });
  });

  it('a version its checks refuse carries the phases it reached and its rollback; one that does not parse stops at validate', async () => {
    const { root, hub, client } = await configHub({ 'config/app.yaml': 'level: 1\n' });
    hub.healthChecks.add('level', () => {
      if (hub.config.get('app', 'level') === 13) throw new Error('13 is unlucky');
    });
    await write(root, 'config/app.yaml', 'level: 13\n');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]).toMatchObject({ rolledBack: true });
    expect(Object.keys(client.failed[0]!.phases ?? {})).toEqual(['read', 'validate', 'backup', 'apply', 'check', 'rollback']);
    await write(root, 'config/app.yaml', 'level: [\n');
    await eventually(() => expect(client.failed).toHaveLength(2));
    expect(Object.keys(client.failed[1]!.phases ?? {})).toEqual(['read', 'validate']);
    expect(hub.config.get('app', 'level')).toBe(1);
  });
});
