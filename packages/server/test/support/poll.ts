import { expect } from 'vitest';

/** Polls until `check` stops throwing (an `expect` inside it), never a fixed sleep. */
export async function eventually<T>(check: () => T | Promise<T>, timeout = 5000): Promise<T> {
  let value: T | undefined;
  await expect
    .poll(async () => {
      value = await check();
      return true;
    }, { timeout, interval: 10 })
    .toBe(true);
  return value as T;
}
