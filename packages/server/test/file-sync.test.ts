import { describe, expect, it, onTestFinished } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileSync } from '../src/watch/file-sync.js';
import { rawWatch } from '../src/watch/soon-change.js';
import { tempRoot } from './support/temp-root.js';
import { eventually } from './support/poll.js';

/** A run function whose calls the test resolves by hand. */
function controlledRun() {
  const calls: Array<{ path: string; finish: (changed: boolean) => void }> = [];
  const run = (path: string) => new Promise<boolean>((resolve) => calls.push({ path, finish: resolve }));
  return { calls, run };
}

describe('FileSync', () => {
  it('coalesces every event that arrives during a run into one more run', async () => {
    const { calls, run } = controlledRun();
    const sync = new FileSync({ run, debounceMs: 0, recheckMs: 10_000, onError: () => {} });
    onTestFinished(() => sync.close());
    sync.notify('a.css');
    for (let i = 0; i < 10; i++) sync.notify('a.css');
    expect(calls).toHaveLength(1);
    calls[0]!.finish(true);
    await eventually(() => expect(calls).toHaveLength(2));
    calls[1]!.finish(false);
    expect(calls).toHaveLength(2);
  });

  it('re-checks a file after a run that found new content, to catch a change chokidar dropped', async () => {
    const { calls, run } = controlledRun();
    const sync = new FileSync({ run, debounceMs: 0, recheckMs: 1, onError: () => {} });
    onTestFinished(() => sync.close());
    sync.notify('a.css');
    calls[0]!.finish(true);
    await eventually(() => expect(calls).toHaveLength(2));
    calls[1]!.finish(false);
    expect(calls.map((c) => c.path)).toEqual(['a.css', 'a.css']);
  });

  it('re-checks once after an event whose run found nothing new, then stops', async () => {
    const { calls, run } = controlledRun();
    const sync = new FileSync({ run, debounceMs: 0, recheckMs: 1, onError: () => {} });
    onTestFinished(() => sync.close());
    sync.notify('a.css');
    calls[0]!.finish(false);
    await eventually(() => expect(calls).toHaveLength(2));
    calls[1]!.finish(false);
    sync.notify('a.css');
    await eventually(() => expect(calls).toHaveLength(3));
  });

  it('runs different files independently', () => {
    const { calls, run } = controlledRun();
    const sync = new FileSync({ run, debounceMs: 0, onError: () => {} });
    onTestFinished(() => sync.close());
    sync.notify('a.css');
    sync.notify('b.css');
    expect(calls.map((c) => c.path)).toEqual(['a.css', 'b.css']);
  });

  it('waits for a quiet period when a debounce is set', async () => {
    const { calls, run } = controlledRun();
    const sync = new FileSync({ run, debounceMs: 30, recheckMs: 10_000, onError: () => {} });
    onTestFinished(() => sync.close());
    for (let i = 0; i < 5; i++) sync.notify('a.css');
    expect(calls).toHaveLength(0);
    await eventually(() => expect(calls).toHaveLength(1));
  });

  it('reports a run that throws and keeps serving later events', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const sync = new FileSync({
      run: async () => {
        if (++n === 1) throw new Error('boom');
        return false;
      },
      debounceMs: 0,
      onError: (error) => errors.push(error),
    });
    onTestFinished(() => sync.close());
    sync.notify('a.css');
    await eventually(() => expect(errors).toHaveLength(1));
    sync.notify('a.css');
    await eventually(() => expect(n).toBe(2));
  });

  it('runs again as soon as the file changes after a run started, without waiting for the re-check (issue 18)', async () => {
    const { calls, run } = controlledRun();
    const changed: Array<() => void> = [];
    let stopped = 0;
    const soonChange = (_path: string, onChange: () => void) => {
      changed.push(onChange);
      return () => stopped++;
    };
    const sync = new FileSync({ run, debounceMs: 0, recheckMs: 60_000, soonChange, onError: () => {} });
    onTestFinished(() => sync.close());
    sync.notify('a.css');
    calls[0]!.finish(true);
    // The second save of a burst, which chokidar dropped: seen by the watch the first run started.
    await eventually(() => expect(changed).toHaveLength(1));
    changed[0]!();
    expect(calls).toHaveLength(2);
    // A change during a run makes one more run once it ends.
    changed[1]!();
    expect(calls).toHaveLength(2);
    calls[1]!.finish(true);
    await eventually(() => expect(calls).toHaveLength(3));
    sync.close();
    // Watches that fired are done; close stops the one still running.
    expect(stopped).toBe(1);
  });

  it('keeps a watch on the last 16 files saved, so their next save runs without waiting for chokidar (issue 18)', async () => {
    const { calls, run } = controlledRun();
    const watches = new Map<string, { onChange: () => void; stopped: boolean }>();
    const soonChange = (path: string, onChange: () => void) => {
      const watch = { onChange, stopped: false };
      watches.set(path, watch);
      return () => void (watch.stopped = true);
    };
    const sync = new FileSync({ run, debounceMs: 0, recheckMs: 1, soonChange, onError: () => {} });
    onTestFinished(() => sync.close());
    const files = Array.from({ length: 17 }, (_, i) => `f${i}.css`);
    for (const file of files) {
      sync.notify(file);
      calls.at(-1)!.finish(false);
      // The re-check that ends the sequence, then the watch kept until the next save.
      await eventually(() => expect(calls.filter((call) => call.path === file)).toHaveLength(2));
      calls.at(-1)!.finish(false);
      await eventually(() => expect(watches.get(file)?.stopped).toBe(false));
    }
    // The 17th pushed the oldest out; the others still watch.
    expect(watches.get('f0.css')?.stopped).toBe(true);
    expect(files.slice(1).every((file) => watches.get(file)?.stopped === false)).toBe(true);
    // A save of a warm file: its run starts from the watch alone.
    const before = calls.length;
    watches.get('f5.css')!.onChange();
    expect(calls.slice(before).map((call) => call.path)).toEqual(['f5.css']);
    sync.close();
    expect([...watches.values()].every((watch) => watch.stopped)).toBe(true);
  });
});

describe('rawWatch', () => {
  it('calls back once when the file changes after the watch started', async () => {
    const root = await tempRoot({ 'a.css': 'a { color: red }' });
    const file = join(root, 'a.css');
    let calls = 0;
    const stop = rawWatch(file, () => calls++);
    onTestFinished(stop);
    await writeFile(file, 'a { color: blue }');
    await eventually(() => expect(calls).toBe(1));
    await writeFile(file, 'a { color: green }');
    // A later change does not call again: the watch is done once it fired.
    await writeFile(file, 'a { color: pink }');
    expect(calls).toBe(1);
  });

  it('is a no-op for a file that is gone', () => {
    expect(() => rawWatch('/nonexistent/hothub/a.css', () => {})()).not.toThrow();
  });
});
