import { ReloadHistory, ReloadResult, ReloadStatistics } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { auditLines } from './support/config.js';
import { expectError, json, post, snapshot, about } from './support/api.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';
import { standardHeaders } from './support/webhook.js';

const SECRET = 'webhook-secret-for-tests';
const FILES = { 'styles/main.css': 'a { color: red; }\n', 'styles/other.css': 'b { color: red; }\n', 'config/app.yaml': 'level: 1\n' };

async function originHub(options: Parameters<typeof startHub>[0] = {}) {
  const root = await tempRoot(FILES);
  const hub = await startHub({ root, webhookSecret: SECRET, ...options });
  const client = await connectClient(hub.url!);
  const history = async (query: string) => json(await fetch(`${hub.url}/reload/history?${query}`), ReloadHistory);
  return { root, hub, client, history };
}

describe('who and why', () => {
  it('POST /reload carries triggeredBy and reason into the events, the pages, the history and the audit log', async () => {
    const { root, hub, client, history } = await originHub();
    const origin = { triggeredBy: 'ana@ci', reason: 'deploy 1.4.2' };
    const result = await json(await post(`${hub.url}/reload`, { target: 'config/app', ...origin }), ReloadResult);
    expect(result.events).toEqual([{ name: 'reloaded', payload: expect.objectContaining({ trigger: 'api', ...origin }) }]);
    await eventually(() => expect(client.reloaded.at(-1)).toMatchObject({ id: 'app', ...origin }));
    expect((await history('id=app&trigger=api')).events[0]?.payload).toMatchObject(origin);
    await hub.config.auditFlushed();
    expect((await auditLines(root)).at(-1)).toMatchObject({ trigger: 'api', ...origin });
    // A save names nobody.
    await write(root, 'styles/main.css', 'a { color: blue; }\n');
    await eventually(() => expect(client.reloaded.at(-1)?.trigger).toBe('file'));
    expect(client.reloaded.at(-1)).not.toHaveProperty('triggeredBy');
  });

  it('the webhook carries them too', async () => {
    const { hub } = await originHub();
    const body = JSON.stringify({ target: 'style/main.css', triggeredBy: 'github-actions', reason: 'release v2' });
    const result = await json(await post(`${hub.url}/webhook`, body, standardHeaders(SECRET, body)), ReloadResult);
    expect(result.events[0]?.payload).toMatchObject({ trigger: 'webhook', triggeredBy: 'github-actions', reason: 'release v2' });
  });

  it('refuses an empty, an overlong or a non-string triggeredBy or reason with 400, and the hub still serves', async () => {
    const { hub } = await originHub();
    const before = snapshot(hub);
    for (const bad of [{ triggeredBy: '' }, { triggeredBy: 'x'.repeat(201) }, { reason: 'y'.repeat(501) }, { reason: 42 }]) {
      await expectError(await post(`${hub.url}/reload`, { target: 'all', ...bad }), 400, 'invalid_body');
    }
    const body = JSON.stringify({ target: 'all', triggeredBy: 'x'.repeat(201) });
    await expectError(await post(`${hub.url}/webhook`, body, standardHeaders(SECRET, body)), 400, 'invalid_body');
    expect(snapshot(hub)).toEqual(before);
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe(FILES['styles/main.css']);
  });

  it('reload_failed carries durationMs', async () => {
    const { root, client } = await originHub();
    await write(root, 'styles/main.css', 'a { color: ');
    await eventually(() => expect(client.failed).toHaveLength(1));
    expect(client.failed[0]!.durationMs).toBeTypeOf('number');
  });
});

describe('GET /reload/history', () => {
  it('answers with the total matched, and filters on id, since and until (ms or ISO 8601)', async () => {
    const { hub, history } = await originHub();
    const all = await history('limit=1');
    expect(all.events).toHaveLength(1);
    expect(all.total).toBe(hub.seq);
    const other = await history('id=other.css');
    expect(other.total).toBe(1);
    expect(other.events[0] && about(other.events[0]).id).toBe('other.css');
    const cut = Date.now() + 1;
    await eventually(() => expect(Date.now()).toBeGreaterThan(cut));
    await post(`${hub.url}/reload`, { target: 'style/main.css' });
    expect((await history(`since=${cut}`)).events.map((e) => about(e).id)).toEqual(['main.css']);
    expect((await history(`until=${encodeURIComponent(new Date(cut).toISOString())}`)).total).toBe(hub.seq - 1);
    await expectError(await fetch(`${hub.url}/reload/history?since=yesterday`), 400, 'invalid_query');
  });
});

describe('GET /reload/statistics', () => {
  it('says how many handlers are registered and whether periodic refresh is on, and every how many seconds', async () => {
    const { hub } = await originHub({ periodic: 30 });
    const stats = async () => json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics);
    expect(await stats()).toMatchObject({ periodicRefreshEnabled: true, refreshIntervalSeconds: 30 });
    const before = (await stats()).handlersRegistered;
    hub.on('reloaded', () => undefined);
    const unsubscribe = hub.config.subscribe('*', () => undefined);
    expect((await stats()).handlersRegistered).toBe(before + 2);
    unsubscribe();
    expect((await stats()).handlersRegistered).toBe(before + 1);
  });

  it('without --periodic, refresh is off', async () => {
    const { hub } = await originHub();
    expect(await json(await fetch(`${hub.url}/reload/statistics`), ReloadStatistics)).toMatchObject({ periodicRefreshEnabled: false, refreshIntervalSeconds: null });
  });
});
