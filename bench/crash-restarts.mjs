// Crash safety of the numbering (issue 12): a hub process is killed (SIGKILL) while the events of a
// 100-file burst go out, restarted on the same root and port, and a page that tracks `seq` as the SDK
// does reconnects. Counts, over every run, the sheets the page ends with at an old version and the
// restarts that greeted the page below a `seq` it saw. Both must be 0. Prints one JSON document.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from './lib/free-port.mjs';
import { seqPage } from './lib/seq-page.mjs';
import { tempDir } from './lib/temp-dir.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    files: { type: 'string', default: '100' },
  },
});
const RUNS = Number(args.runs);
const FILES = Number(args.files);
/** A page that is not current this long after the restart counts its old sheets as stale. */
const SETTLE_MS = 15_000;
/** The built CLI (`pnpm build` first). */
const BIN = fileURLToPath(new URL('../packages/server/bin/hothub.js', import.meta.url));

const log = (message) => process.stderr.write(`# ${message}\n`);
const names = Array.from({ length: FILES }, (_, i) => `s${String(i).padStart(3, '0')}.css`);
const sheet = (name, version) => `.${name.slice(0, 4)}{order:${version}}`;

function startHub(root, port) {
  const child = spawn(process.execPath, [BIN, '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const listening = (async () => {
    while (!/hothub listening on/.test(out)) {
      if (child.exitCode !== null) throw new Error('hothub exited');
      await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    }
  })();
  return { child, listening };
}

const sheetOn = (client, name) => client.applied.get(`style/${name}`)?.content;
const stale = (client, version) => names.filter((name) => sheetOn(client, name) !== sheet(name, version)).length;

async function until(check, timeout) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (check()) return true;
    await delay(20);
  }
  return check();
}

/** The latest `seq` in `.hothub/history.jsonl`: how far the history on disk got before the kill. */
async function lastStoredSeq(root) {
  const lines = (await readFile(join(root, '.hothub', 'history.jsonl'), 'utf8').catch(() => '')).trim().split('\n');
  try {
    return JSON.parse(lines.at(-1)).event.payload.seq;
  } catch {
    return 0;
  }
}

async function run(index) {
  const temp = await tempDir('crash');
  const root = temp.dir;
  await mkdir(join(root, 'styles'));
  await Promise.all(names.map((name) => writeFile(join(root, 'styles', name), sheet(name, 1))));
  const port = await freePort();
  const first = startHub(root, port);
  const client = seqPage();
  try {
    await first.listening;
    await client.connect(`http://127.0.0.1:${port}`);
    await Promise.all(names.map((name) => writeFile(join(root, 'styles', name), sheet(name, 2))));
    // Killed at a different point of the burst each run: after 5 to 95 events reached the page.
    const killAt = 5 + Math.round((90 * index) / Math.max(1, RUNS - 1));
    await until(() => client.events >= killAt, SETTLE_MS);
    const seenAtKill = client.lastSeq;
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const diskSeqAtKill = await lastStoredSeq(root);

    const second = startHub(root, port);
    try {
      await second.listening;
      await client.connect(`http://127.0.0.1:${port}`);
      await until(() => stale(client, 2) === 0, SETTLE_MS);
      const staleAfterRestart = stale(client, 2);
      await writeFile(join(root, 'styles', names[0]), sheet(names[0], 3));
      const appliedNext = await until(() => sheetOn(client, names[0]) === sheet(names[0], 3), SETTLE_MS);
      return { killAt, seenAtKill, diskSeqAtKill, stale: staleAfterRestart, regressions: client.regressions, appliedNext };
    } finally {
      second.child.kill('SIGKILL');
      await once(second.child, 'exit');
    }
  } finally {
    client.socket?.close();
    if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
    await temp.remove();
  }
}

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const result = await run(i);
  log(`run ${i + 1}/${RUNS}: killed after ${result.killAt} events (page at seq ${result.seenAtKill}, disk at ${result.diskSeqAtKill}), stale ${result.stale}, regressions ${result.regressions}, next save applied ${result.appliedNext}`);
  runs.push(result);
}
console.log(
  JSON.stringify(
    {
      runs: RUNS,
      historyBehindAtKill: runs.filter((r) => r.diskSeqAtKill < r.seenAtKill).length,
      filesPerBurst: FILES,
      staleArtifacts: runs.reduce((sum, r) => sum + r.stale, 0),
      seqRegressions: runs.reduce((sum, r) => sum + r.regressions, 0),
      nextSaveMissed: runs.filter((r) => !r.appliedNext).length,
      runsDetail: runs,
    },
    null,
    2,
  ),
);
