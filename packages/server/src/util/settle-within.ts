import { ReloadFailure } from './errors.js';

/**
 * Waits for `task` at most `ms` milliseconds: a hook that hangs must not hold the artifact's
 * queue forever. On timeout the task is left running (JavaScript cannot cancel it) and ignored.
 */
export async function settleWithin<T>(what: string, ms: number, task: () => T | Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReloadFailure(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(task), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
