import type { Reloaded, RuntimeError } from '@hothub/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBlame } from '../src/runtime/blame.js';
import type { RuntimeFault } from '../src/ui/ui-contract.js';

const HUB = 'http://127.0.0.1:8888';

function reloaded(kind: Reloaded['kind'], id: string, seq: number, file = `${kind}s/${id}`): Reloaded {
  return {
    seq,
    ts: 1_000,
    kind,
    id,
    trigger: 'file',
    cause: { file },
    version: `v${seq}`,
    durationMs: 1,
    url: `/assets/${kind}/${kind === 'component' ? `${id}.js` : id}?v=v${seq}`,
  };
}

function thrownIn(url: string, line: number, column: number, message = 'boom'): Error {
  const error = new TypeError(message);
  error.stack = `TypeError: ${message}\n    at HTMLButtonElement.<anonymous> (${url}:${line}:${column})`;
  return error;
}

function setup(overlay: 'blamed' | 'all' | 'off' = 'blamed') {
  const shown: RuntimeFault[] = [];
  const reports: RuntimeError[] = [];
  const take = createBlame({ overlay, show: (fault) => shown.push(fault), report: (report) => reports.push(report) });
  return { shown, reports, take };
}

beforeAll(() => {
  // The report carries the page's address; these tests run outside a browser.
  Object.assign(globalThis, { location: { href: 'http://app.test/' } });
});

describe('createBlame', () => {
  it('blames the component whose module the stack names, long after it was applied, and reports it once', () => {
    const { shown, reports, take } = setup();
    const counter = reloaded('component', 'counter', 7, 'components/counter.js');
    const applied = [
      { event: counter, at: 0 },
      { event: reloaded('component', 'other', 8), at: 0 },
    ];
    const error = thrownIn(`${HUB}/assets/component/counter.js?v=v7`, 3, 12);
    take({ error, message: String(error), source: { url: `${HUB}/assets/component/counter.js?v=v7`, line: 3, column: 12 }, time: 60_000 }, applied);
    take({ error, message: String(error), source: { url: `${HUB}/assets/component/counter.js?v=v7`, line: 3, column: 12 }, time: 61_000 }, applied);
    expect(shown[0]).toEqual({
      message: 'TypeError: boom',
      where: 'components/counter.js:3:12',
      blamed: { kind: 'component', id: 'counter', file: 'components/counter.js', ts: 1_000 },
    });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ kind: 'component', id: 'counter', version: 'v7', seq: 7, source: { line: 3, column: 12 }, page: 'http://app.test/' });
  });

  it('blames a code version applied within 5 s when the stack names none, never a stylesheet', () => {
    const { shown, take } = setup();
    const error = thrownIn('http://app.test/app.js', 1, 1);
    take({ error, message: String(error), time: 4_000 }, [
      { event: reloaded('config', 'app', 3), at: 0 },
      { event: reloaded('style', 'main.css', 4), at: 1_000 },
    ]);
    expect(shown[0]?.blamed).toMatchObject({ kind: 'config', id: 'app' });
    expect(shown[0]?.where).toBe('http://app.test/app.js:1:1');
    take({ error, message: 'later', time: 6_000 }, [
      { event: reloaded('config', 'app', 3), at: 0 },
      { event: reloaded('style', 'main.css', 4), at: 5_000 },
    ]);
    expect(shown).toHaveLength(1);
  });

  it('shows an unexplained error only with overlay "all", and never reports it; "off" shows nothing but still reports', () => {
    const quiet = setup();
    quiet.take({ error: new Error('app bug'), message: 'Error: app bug', time: 0 }, []);
    expect(quiet.shown).toEqual([]);
    const all = setup('all');
    all.take({ error: new Error('app bug'), message: 'Error: app bug', time: 0 }, []);
    expect(all.shown).toEqual([{ message: 'Error: app bug' }]);
    expect(all.reports).toEqual([]);
    const off = setup('off');
    off.take({ error: 'x', message: 'Unhandled rejection: x', rejection: true, time: 1 }, [{ event: reloaded('component', 'a', 2), at: 0 }]);
    expect(off.shown).toEqual([]);
    expect(off.reports[0]).toMatchObject({ id: 'a', unhandledRejection: true });
  });
});
