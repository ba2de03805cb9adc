import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

/** The built CLI, as `npx hothub` runs it. */
export const BIN = fileURLToPath(new URL('../../bin/hothub.js', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Spawns `hothub` with the given args and environment; killed when the test finishes. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, options: SpawnAs = {}): CliRun {
  return runCliAt(BIN, args, env, options);
}

/** Where and as whom the CLI runs. */
export interface SpawnAs {
  cwd?: string;
  uid?: number;
  gid?: number;
}

/** Spawns a given `hothub` launcher (e.g. one installed from a tarball). */
export function runCliAt(bin: string, args: string[], env: NodeJS.ProcessEnv = {}, options: SpawnAs = {}): CliRun {
  const child = spawn(process.execPath, [bin, ...args], {
    ...options,
    env: { ...process.env, HOTHUB_PORT: '', HOTHUB_HOST: '', HOTHUB_ROOT: '', HOTHUB_DEBOUNCE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for the listening line and returns the URL it names. */
export async function listeningUrl(run: CliRun): Promise<string> {
  const pattern = /^hothub listening on (https?:\/\/\S+)$/m;
  while (!pattern.test(run.stdout())) {
    if (run.child.exitCode !== null) throw new Error(`hothub exited: ${run.stderr()}`);
    await once(run.child.stdout!, 'data');
  }
  return pattern.exec(run.stdout())![1]!;
}
