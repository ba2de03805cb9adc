import { once } from 'node:events';
import { ReloadHistory, ReloadResult, HubStatus } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { expectError, json, post, about } from './support/api.js';
import * as z from 'zod';
import { type CliRun, listeningUrl, runCli } from './support/cli.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';
import { standardHeaders } from './support/webhook.js';

const TOKEN = 'cli-token-abcdef0123456789';
const SECRET = 'cli-webhook-secret-42';

/** prod prints one JSON object per line; waits for the listening one and returns its url. */
async function jsonListeningUrl(run: CliRun): Promise<string> {
  while (!run.stdout().includes('\n')) {
    if (run.child.exitCode !== null) throw new Error(`hothub exited: ${run.stderr()}`);
    await once(run.child.stdout!, 'data');
  }
  const line: unknown = JSON.parse(run.stdout().split('\n')[0]!);
  expect(line).toMatchObject({ level: 'info', msg: expect.stringMatching(/^hothub listening on /) });
  return z.object({ url: z.string() }).parse(line).url;
}

describe('--mode prod', () => {
  it('refuses to start without a token: exit 1 and one clear line', async () => {
    const run = runCli(['--root', await tempRoot(), '--port', '0', '--mode', 'prod']);
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stderr()).toMatch(/^hothub: --mode prod needs a token: set --token or HOTHUB_TOKEN/);
  });

  it('loads everything once, watches nothing, reloads through the API, logs JSON only and never the token', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: red }', 'hothub.yaml': 'alerts:\n  slowReloadMs: 0\n' });
    const run = runCli(['--root', root, '--port', '0', '--mode', 'prod', '--config', `${root}/hothub.yaml`], { HOTHUB_TOKEN: TOKEN });
    const url = await jsonListeningUrl(run);
    expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a { color: red }');
    const status = await json(await fetch(`${url}/status`), HubStatus);
    expect(status).toMatchObject({ mode: 'prod', enabled: false, running: true });

    await write(root, 'styles/main.css', 'a { color: blue }');
    await expectError(await post(`${url}/reload`, { target: 'style' }, { authorization: 'Bearer wrong' }), 403, 'forbidden');
    const reloaded = await json(await post(`${url}/reload`, { target: 'style' }, { authorization: `Bearer ${TOKEN}` }), ReloadResult);
    expect(reloaded.events.map((e) => e.payload.trigger)).toEqual(['api']);
    const history = await json(await fetch(`${url}/reload/history`, { headers: { authorization: `Bearer ${TOKEN}` } }), ReloadHistory);
    expect(history.events.map((e) => about(e).trigger)).toEqual(['api', 'startup']);
    expect(await (await fetch(`${url}/assets/style/main.css`)).text()).toBe('a { color: blue }');

    // The slow_reload alert (threshold 0 ms) was logged as a JSON warning.
    await eventually(() => expect(run.stderr()).toContain('slow_reload'));
    const lines = `${run.stdout()}${run.stderr()}`.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.map((l) => JSON.parse(l) as { level: string }).some((l) => l.level === 'warn')).toBe(true);
    expect(`${run.stdout()}${run.stderr()}`).not.toContain(TOKEN);
  });

  it('picks up changes with --periodic and takes the webhook secret from HOTHUB_WEBHOOK_SECRET', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a{}' });
    const run = runCli(['--root', root, '--port', '0', '--mode', 'prod', '--token', TOKEN, '--periodic', '0.1'], {
      HOTHUB_WEBHOOK_SECRET: SECRET,
    });
    const url = await jsonListeningUrl(run);
    await write(root, 'styles/main.css', 'a { color: green }');
    await eventually(async () => {
      const history = await json(await fetch(`${url}/reload/history?trigger=periodic`, { headers: { authorization: `Bearer ${TOKEN}` } }), ReloadHistory);
      expect(history.events.map((e) => about(e).id)).toEqual(['main.css']);
    });
    const body = JSON.stringify({ target: 'style/main.css' });
    const hook = await json(await post(`${url}/webhook`, body, standardHeaders(SECRET, body)), ReloadResult);
    expect(hook.events.map((e) => e.payload.trigger)).toEqual(['webhook']);
    expect(`${run.stdout()}${run.stderr()}`).not.toContain(SECRET);
  });
});

describe('security flags', () => {
  it('takes --cors-origin more than once and answers preflights from those origins only', async () => {
    const run = runCli(['--root', await tempRoot(), '--port', '0', '--cors-origin', 'http://a.test', '--cors-origin', 'http://b.test:5173']);
    const url = await listeningUrl(run);
    const preflight = (origin: string) =>
      fetch(`${url}/reload`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await preflight('http://b.test:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://b.test:5173');
    await expectError(await preflight('http://evil.test'), 403, 'origin_not_allowed');
  });

  it.each([
    [['--mode', 'staging'], /^hothub: invalid --mode/],
    [['--cors-origin', '*'], /^hothub: invalid --cors-origin/],
    [['--cors-origin', 'http://a.test/path'], /^hothub: invalid --cors-origin/],
    [['--periodic', '0'], /^hothub: invalid --periodic/],
    [['--token', ''], /^hothub: invalid --token/],
  ])('rejects %j with a one-line error', async (args, message) => {
    const run = runCli(['--port', '0', ...args]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(message);
  });
});
