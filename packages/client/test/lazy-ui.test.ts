import type { Reloaded } from '@hothub/shared';
import { expect, it, vi } from 'vitest';
import { lazyUi } from '../src/ui/lazy-ui.js';
import type { ClientUi, UiModule } from '../src/ui/ui-contract.js';

const HUB = { hubUrl: 'http://127.0.0.1:8888' };
const event = { seq: 1, ts: 0, kind: 'style', id: 'main.css', trigger: 'file', version: 'a', durationMs: 1 } satisfies Reloaded;

/** A UI file that records what it was told, loaded when `release` is called. */
function deferredModule() {
  const told: string[] = [];
  const ui: ClientUi = {
    reloaded: (e) => void told.push(`reloaded ${e.id}`),
    recovered: () => void told.push('recovered'),
    failed: () => void told.push('failed'),
    disconnected: () => void told.push('disconnected'),
    connected: () => void told.push('connected'),
    runtimeError: (fault) => void told.push(`error ${fault.message}`),
    close: () => void told.push('close'),
  };
  let release!: () => void;
  const loaded = new Promise<UiModule>((resolve) => (release = () => resolve({ createUi: () => ui, createBlame: () => () => {} })));
  return { told, release, load: vi.fn(() => loaded) };
}

it('loads the UI file once, at the first call, and replays in order what was said meanwhile', async () => {
  const file = deferredModule();
  const ui = lazyUi(file.load, HUB, (task) => task());
  ui.connected();
  ui.reloaded(event, 1);
  ui.disconnected();
  expect(file.told).toEqual([]);
  file.release();
  await vi.waitFor(() => expect(file.told).toEqual(['connected', 'reloaded main.css', 'disconnected']));
  ui.runtimeError({ message: 'boom' });
  await vi.waitFor(() => expect(file.told.at(-1)).toBe('error boom'));
  expect(file.load).toHaveBeenCalledTimes(1);
});

it('shows nothing without a loader (toasts: false), nor once closed, nor after the file failed to load', async () => {
  lazyUi(undefined, HUB, (task) => task()).reloaded(event, 1);
  const closed = deferredModule();
  const ui = lazyUi(closed.load, HUB, (task) => task());
  ui.connected();
  ui.close();
  closed.release();
  await Promise.resolve();
  expect(closed.told).toEqual([]);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const load = vi.fn(() => Promise.reject(new Error('blocked by CSP')));
  const failing = lazyUi(load, HUB, (task) => task());
  failing.connected();
  await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
  failing.failed({ ...event, error: { message: 'x' }, rolledBack: false });
  expect(load).toHaveBeenCalledTimes(1);
  warn.mockRestore();
});
