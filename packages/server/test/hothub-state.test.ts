import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reloaded } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { FileHistory } from '../src/cluster/file-history.js';
import type { HubEvent } from '../src/pipeline/event-log.js';
import { createLogger } from '../src/util/log.js';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const HISTORY = '.hothub/history.jsonl';

const reloaded = (seq: number): HubEvent => {
  const payload: Reloaded = { seq, ts: 1, kind: 'style', id: 'a.css', version: `v${seq}`, trigger: 'file', durationMs: 1 };
  return { name: 'reloaded', payload };
};

/** A logger that keeps its lines. */
function recordingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', write: (line) => lines.push(line) }) };
}

describe('.hothub/history.jsonl', () => {
  it('is trimmed while the hub runs: never past twice its capacity, the newest events kept', async () => {
    const root = await tempRoot();
    const { logger } = recordingLogger();
    const { store } = await FileHistory.open(root, 5, () => 'numbering', logger);
    for (let seq = 1; seq <= 33; seq++) store.append(reloaded(seq));
    await store.flush();
    const lines = (await readFile(join(root, HISTORY), 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(10);
    expect(lines.at(-1)).toContain('"seq":33');
    const { restored } = await FileHistory.open(root, 5, () => 'numbering', logger);
    expect(restored.events.map((e) => e.payload.seq)).toEqual([29, 30, 31, 32, 33]);
  });

  it.each([2 ** 53 - 1, -3, 1.5])('refuses a line with seq %d on read, says so once, and numbers on from the good lines', async (seq) => {
    const line = (n: number) => JSON.stringify({ id: 'kept', event: reloaded(n) });
    const root = await tempRoot({ [HISTORY]: [line(1), line(2), line(seq)].join('\n') });
    const { lines, logger } = recordingLogger();
    const { restored } = await FileHistory.open(root, 100, () => 'kept', logger);
    expect(restored.events.map((e) => e.payload.seq)).toEqual([1, 2]);
    expect(lines.filter((l) => l.includes('history.jsonl'))).toHaveLength(1);

    const hub = await startHub({ root: await tempRoot({ [HISTORY]: [line(1), line(seq)].join('\n'), 'styles/a.css': 'a{}' }) });
    expect(hub.seq).toBe(2);
  });
});

describe('.hothub/backups', () => {
  it('a temp file a kill left mid-write is no version to roll back to', async () => {
    const root = await tempRoot({ 'config/app.json': '{"a":1}' });
    const hub = await startHub({ root });
    await write(root, 'config/app.json', '{"a":2}');
    await eventually(() => expect(hub.config.get('app')).toEqual({ a: 2 }));
    const folder = join(root, '.hothub/backups/config/app');
    const [kept] = await readdir(folder);
    await writeFile(join(folder, `000009.${'f'.repeat(16)}.app.json.1a2b3c4d.tmp`), '{"a":');
    const versions = await hub.config.versions('app');
    expect(versions.map((v) => v.relPath)).toEqual(['app.json']);
    expect(kept).toMatch(/^000001\./);
  });
});

describe('while .hothub/ cannot be written', () => {
  it.each([
    ['a file where the folder should be', (root: string) => writeFile(join(root, '.hothub'), 'not a folder')],
    ['a file where the backups of a config should be', async (root: string) => {
      await mkdir(join(root, '.hothub/backups/config'), { recursive: true });
      await writeFile(join(root, '.hothub/backups/config/app'), 'a file where the config folder goes');
    }],
  ])('%s: config reloads go on, and the hub says once that backups are off', async (_name, breakState) => {
    const root = await tempRoot({ 'config/app.json': '{"a":0}' });
    await breakState(root);
    const { lines, logger } = recordingLogger();
    const hub = await startHub({ root, logger });
    const client = await connectClient(hub.url!);
    for (let a = 1; a <= 3; a++) {
      await write(root, 'config/app.json', JSON.stringify({ a }));
      await eventually(() => expect(hub.config.get('app')).toEqual({ a }));
    }
    expect(client.failed).toEqual([]);
    expect(client.reloaded.map((e) => e.id)).toEqual(['app', 'app', 'app']);
    expect(lines.filter((l) => l.includes('config backups are off'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('cannot append to')).length).toBeLessThanOrEqual(1);
    // Repaired: backups are kept again.
    await rm(join(root, '.hothub'), { recursive: true, force: true });
    await write(root, 'config/app.json', '{"a":4}');
    await eventually(() => expect(hub.config.get('app')).toEqual({ a: 4 }));
    await eventually(async () => expect((await hub.config.versions('app')).length).toBe(1));
    expect(lines.filter((l) => l.includes('config backups are kept again'))).toHaveLength(1);
  });
});
