import { expect, it } from 'vitest';
import { HotModules } from '../src/apply/hot-modules.js';

const version = (n: number) => `data:text/javascript,export const VERSION = ${n};`;

it('keeps data across versions, runs the old dispose before the new version and gives accept the new module', async () => {
  const modules = new HotModules();
  const log: string[] = [];
  const register = (n: number) => {
    const hot = modules.hot('store');
    hot.data.count = Number(hot.data.count ?? 0) + 1;
    hot.dispose((data) => log.push(`dispose ${n} count=${String(data.count)}`));
    hot.accept((module) => log.push(`accept ${n} got ${String((module as { VERSION: number }).VERSION)}`));
  };
  register(1);
  await modules.swap('store', version(2));
  register(2);
  await modules.swap('store', version(3));
  expect(log).toEqual(['dispose 1 count=1', 'accept 1 got 2', 'dispose 2 count=2', 'accept 2 got 3']);
  expect(modules.hot('store').data.count).toBe(2);
});

it('leaves a module that never called hot(id) alone, and keeps the old handlers when the new version fails', async () => {
  const modules = new HotModules();
  await expect(modules.swap('plain', 'data:text/javascript,throw new Error("never imported")')).resolves.toBeUndefined();
  const log: string[] = [];
  modules.hot('store').accept(() => log.push('accepted'));
  await expect(modules.swap('store', 'data:text/javascript,throw new Error("broken version")')).rejects.toThrow('broken version');
  await modules.swap('store', version(4));
  expect(log).toEqual(['accepted']);
});
