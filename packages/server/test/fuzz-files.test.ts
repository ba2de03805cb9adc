import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Hub } from '../src/index.js';
import { prng } from './support/prng.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

/** One artifact of each file-backed kind the browser or the config store reads, with a generator of valid content. */
const ARTIFACTS = [
  { kind: 'style', id: 'main.css', file: 'styles/main.css', valid: (n: number) => `.a${n} { color: red; }\n@media (min-width: ${n}px) { .b { margin: 0 } }\n` },
  { kind: 'theme', id: 'dark', file: 'themes/dark.json', valid: (n: number) => JSON.stringify({ color: { bg: `#${(n % 4096).toString(16).padStart(3, '0')}` }, n }) },
  { kind: 'theme', id: 'paper', file: 'themes/paper.css', valid: (n: number) => `:root { --n: ${n}; }\n` },
  { kind: 'config', id: 'app', file: 'config/app.json', valid: (n: number) => JSON.stringify({ name: 'app', n, nested: { list: [n, n + 1] } }, null, 2) },
  { kind: 'config', id: 'db', file: 'config/db.yaml', valid: (n: number) => `host: db${n}\nport: ${5000 + n}\nreplicas:\n  - a\n  - b\n` },
  { kind: 'component', id: 'counter', file: 'components/counter.js', valid: (n: number) => `export default {\n  mount(el, state = { n: ${n} }) { el.textContent = String(state.n); },\n  unmount(el) { return { n: Number(el.textContent) }; },\n};\n` },
] as const;

const STEPS = 240;

/** Damages valid content the ways editors, crashes and attackers do: truncation, byte flips, garbage, odd encodings. */
function mutate(random: () => number, text: string): Buffer {
  const bytes = Buffer.from(text);
  const int = (n: number) => Math.floor(random() * n);
  switch (int(8)) {
    case 0: return bytes.subarray(0, int(bytes.length));
    case 1: {
      const copy = Buffer.from(bytes);
      for (let i = 0; i < 1 + int(4); i++) copy[int(copy.length)] = int(256);
      return copy;
    }
    case 2: return Buffer.from(Array.from({ length: int(400) }, () => int(256)));
    case 3: return Buffer.concat([bytes, Buffer.from([0xff, 0xfe, 0x00])]);
    case 4: return Buffer.from(text.replace(/[{}[\]]/, ''));
    case 5: return Buffer.from(`\ufeff${text}`, 'utf16le');
    case 6: return Buffer.from(`${text}\u0000`);
    default: return Buffer.from(text.repeat(1 + int(3)).replaceAll(/\d/g, () => String.fromCharCode(33 + int(90))));
  }
}

function servingVersion(hub: Hub, kind: string, id: string): string | undefined {
  return hub.artifacts().find((a) => a.kind === kind && a.id === id)?.source.version;
}

describe('fuzz: files', () => {
  it(`survives ${STEPS} random valid and damaged saves of styles, themes, configs and components: every reload ends in one outcome, the last good version serves`, async () => {
    const root = await tempRoot(Object.fromEntries(ARTIFACTS.map((a) => [a.file, a.valid(0)])));
    // prod mode: nothing watches, so each save is reloaded exactly once, by the test, and its outcome is known.
    const hub = await startHub({ root, mode: 'prod', token: 'fuzz-files-token' });
    const random = prng(0xf11e5);
    const tally = { reloaded: 0, failed: 0 };
    for (let step = 0; step < STEPS; step++) {
      const artifact = ARTIFACTS[Math.floor(random() * ARTIFACTS.length)]!;
      const good = artifact.valid(step + 1);
      const before = servingVersion(hub, artifact.kind, artifact.id);
      await writeFile(join(root, artifact.file), random() < 0.3 ? good : mutate(random, good));
      const events = await hub.reload(`${artifact.kind}/${artifact.id}`);
      expect(events, `step ${step}`).toHaveLength(1);
      const [event] = events;
      if (event!.name === 'reloaded') {
        tally.reloaded++;
        expect(servingVersion(hub, artifact.kind, artifact.id)).toBe(event!.payload.version);
      } else {
        tally.failed++;
        expect(event!.payload.error.message.length, `step ${step}`).toBeGreaterThan(0);
        expect(servingVersion(hub, artifact.kind, artifact.id), `step ${step}: a failed save changed what serves`).toBe(before);
      }
      if (step % 40 === 0) expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    }
    // Both outcomes happened, and every artifact still takes a good save.
    expect(tally.reloaded).toBeGreaterThan(STEPS / 5);
    expect(tally.failed).toBeGreaterThan(STEPS / 5);
    for (const artifact of ARTIFACTS) {
      await writeFile(join(root, artifact.file), artifact.valid(10_000));
      expect((await hub.reload(`${artifact.kind}/${artifact.id}`))[0]!.name).toBe('reloaded');
    }
    expect(await (await fetch(`${hub.url}/assets/style/main.css`)).text()).toBe(ARTIFACTS[0].valid(10_000));
    expect(hub.config.get('app')).toMatchObject({ n: 10_000 });
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  });
});
