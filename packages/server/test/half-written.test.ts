import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { eventually } from './support/poll.js';
import { tempRoot } from './support/temp-root.js';

/** Writes `chunks` one `write()` each into a truncated file, pausing between them: a slow writer, not a timing assertion. */
async function writeInChunks(file: string, chunks: string[], pauseMs: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0) await delay(pauseMs);
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
}

describe('a stylesheet written in chunks with pauses', () => {
  it('never reaches a page cut inside a block: only whole versions are sent, and the last one serves', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a { color: black }' });
    const hub = await startHub({ root });
    const client = await connectClient(hub.url!);
    const versions: string[] = [];
    for (let round = 1; round <= 8; round++) {
      const whole = `a { color: red; order: ${round} }\nb { margin: ${round}px }\n`;
      versions.push(whole);
      // Cut inside each block: a prefix is a truncated block, which the stylesheet check refuses.
      const chunks = [whole.slice(0, 9), whole.slice(9, 30), whole.slice(30)];
      await writeInChunks(join(root, 'styles/main.css'), chunks, 5);
      await eventually(() => expect(client.reloaded.at(-1)?.content).toBe(whole));
    }
    for (const event of client.reloaded) expect(versions).toContain(event.content);
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe(versions.at(-1));
  });
});
