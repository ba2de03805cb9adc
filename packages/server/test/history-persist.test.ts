import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventMessage, validate } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { listeningUrl, runCli } from './support/cli.js';
import { startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { SeqClient } from './support/seq-client.js';
import { tempRoot, write } from './support/temp-root.js';

const HISTORY = '.hothub/history.jsonl';

describe('history under .hothub/', () => {
  it('survives a restart: numbering goes on, and a page is replayed only what changed while the hub was down', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}', 'styles/b.css': 'b{}' });
    const first = runCli(['--root', root, '--port', '0']);
    const page = new SeqClient();
    await page.connect(await listeningUrl(first));
    await write(root, 'styles/a.css', 'a{color:red}');
    await eventually(() => expect(page.contents('a.css')).toEqual(['a{color:red}']));
    const seen = page.applied[0]!.seq;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    await write(root, 'styles/b.css', 'b{color:red}');
    const second = runCli(['--root', root, '--port', '0']);
    await page.connect(await listeningUrl(second));
    await eventually(() => expect(page.applied).toHaveLength(2));
    expect(page.applied[1]).toMatchObject({ id: 'b.css', content: 'b{color:red}', seq: seen + 1 });
    expect(page.repeated).toEqual([]);
  });

  it('skips lines that do not parse (a crash mid-write, a hand edit), keeps the rest, and serves as before', async () => {
    const good = (seq: number, version: string) =>
      JSON.stringify({ id: 'kept-id', event: { name: 'reloaded', payload: { seq, ts: 1, kind: 'style', id: 'a.css', version, trigger: 'file', durationMs: 1 } } });
    const root = await tempRoot({
      'styles/a.css': 'a{}',
      [HISTORY]: [good(1, 'v1'), '{"id": "kept-id", "event": {"name": "reloaded"', 'not json', good(2, 'v2'), '{"id":"kept-id","event":{"na'].join('\n'),
    });
    const hub = await startHub({ root });
    expect(hub.serverId).toBe('kept-id');
    // Two good events restored; a.css on disk is another version, so its startup load is event 3.
    expect(hub.seq).toBe(3);
    expect(await (await fetch(`${hub.url}/assets/style/a.css`)).text()).toBe('a{}');
    await write(root, 'styles/a.css', 'a{color:red}');
    await eventually(async () => expect(await (await fetch(`${hub.url}/assets/style/a.css`)).text()).toBe('a{color:red}'));
    await hub.stop();
    const lines = (await readFile(join(root, HISTORY), 'utf8')).trim().split('\n');
    const seqs = lines.map((line) => {
      const parsed = validate(z.object({ event: EventMessage }), JSON.parse(line));
      return parsed.ok ? parsed.value.event.payload.seq : undefined;
    });
    expect(seqs).toEqual([1, 2, 3, 4]);
  });

  it('starts from scratch when the file is no history at all, and still serves', async () => {
    const root = await tempRoot({ 'styles/a.css': 'a{}', [HISTORY]: '\u0000\u0001 binary garbage' });
    const hub = await startHub({ root });
    expect(hub.seq).toBe(1);
    expect(await (await fetch(`${hub.url}/assets/style/a.css`)).text()).toBe('a{}');
  });
});
