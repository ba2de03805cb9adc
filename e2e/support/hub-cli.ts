import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

const require = createRequire(import.meta.url);
/** The built `hothub` launcher, as `npx hothub` runs it. */
const BIN = join(dirname(require.resolve('hothub/package.json')), 'bin/hothub.js');

export interface HubCli {
  url: string;
  /** Everything the hub printed so far (stdout and stderr). */
  output(): string;
}

/** Starts `hothub ARGS` in `cwd` on a free port, as a user would; waits for its listening line, stops it (SIGTERM) at the test's end. */
export async function startHubCli(cwd: string, args: string[]): Promise<HubCli> {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd,
    env: { ...process.env, HOTHUB_PORT: '', HOTHUB_HOST: '', HOTHUB_ROOT: '', HOTHUB_WATCH: '', HOTHUB_IGNORE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk));
  onTestFinished(async () => {
    if (child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  });
  const listening = /^hothub listening on (http:\S+)$/m;
  while (!listening.test(out)) {
    if (child.exitCode !== null) throw new Error(`hothub exited with ${child.exitCode}: ${out}`);
    await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
  }
  return { url: listening.exec(out)![1]!, output: () => out };
}
