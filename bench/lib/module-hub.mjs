import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createHub } from 'hothub';
import { tempDir } from './temp-dir.mjs';

/** A started hub (port 0, silent) on a fresh folder holding `files`; `save()` resolves with the event a save caused. */
export async function startModuleHub(name, files) {
  const temp = await tempDir(name);
  const write = async (path, content) => {
    await mkdir(dirname(join(temp.dir, path)), { recursive: true });
    await writeFile(join(temp.dir, path), content);
  };
  for (const [path, content] of Object.entries(files)) await write(path, content);
  const silent = { debug() {}, info() {}, warn() {}, error() {}, channel: () => silent };
  const hub = createHub({ root: temp.dir, port: 0, logger: silent });
  await hub.start();

  /** Writes `content` and waits for the `reloaded` (or `reload_failed`) of `kind`/`id`; ms from before the write. */
  const save = async (path, content, kind, id) => {
    const event = new Promise((resolve) => {
      const done = (e) => {
        if (e.kind !== kind || e.id !== id) return;
        hub.off('reloaded', done);
        hub.off('reload_failed', done);
        resolve(e);
      };
      hub.on('reloaded', done);
      hub.on('reload_failed', done);
    });
    const started = performance.now();
    await write(path, content);
    const payload = await event;
    if (!('version' in payload)) throw new Error(`${kind} ${id} failed: ${payload.error.message}`);
    return { ms: performance.now() - started, payload };
  };
  const stop = async () => {
    await hub.stop();
    await temp.remove();
  };
  return { hub, save, stop };
}

/** A wizard module of about `bytes` bytes whose answer is `version`: a class plus a table of strings. */
export function wizardModule(version, bytes = 5 * 1024) {
  const head = `import { label } from './helpers/label.js';\nexport class BenchWizard {\n  answer() {\n    return label('${version}');\n  }\n}\n`;
  const rows = [];
  for (let i = 0; rows.join('').length + head.length < bytes - 40; i++) rows.push(`  'step ${i}: ${version} ${'x'.repeat(24)}',\n`);
  return `${head}export const STEPS = [\n${rows.join('')}];\n`;
}

export const LABEL_HELPER = (mark) => `export const label = (text) => text + '${mark}';\n`;

