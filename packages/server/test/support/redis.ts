import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { onTestFinished } from 'vitest';
import { freePort } from './free-port.js';

/** A `redis-server` of one test, on a loopback port that stays the same across `stop()` and `start()`. */
export interface TestRedis {
  url: string;
  port: number;
  /** Starts it (again), empty: it saves nothing to disk. */
  start(): Promise<void>;
  /** Kills it (SIGKILL, by PID) and waits until it is gone. */
  stop(): Promise<void>;
}

/** Starts a real `redis-server` for the current test; it is stopped when the test finishes. */
export async function startRedis(): Promise<TestRedis> {
  // `redis-server --port 0` would turn TCP off, so it cannot pick a port itself.
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: TestRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let out = '';
      started.stdout!.on('data', (chunk: Buffer) => (out += chunk));
      while (!out.includes('Ready to accept connections')) {
        if (started.exitCode !== null) throw new Error(`redis-server exited: ${out}`);
        await Promise.race([once(started.stdout!, 'data'), once(started, 'exit')]);
      }
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGKILL');
      await exited;
    },
  };
  onTestFinished(() => redis.stop());
  await redis.start();
  return redis;
}
