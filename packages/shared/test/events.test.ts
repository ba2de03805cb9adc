import { describe, expect, it } from 'vitest';
import { Connected, Reloaded, ReloadFailed, validate } from '../src/index.js';

const reloaded = { seq: 1, ts: 1, kind: 'style', id: 'main.css', version: 'abc', trigger: 'file', durationMs: 2 };

describe('event schemas', () => {
  it('accept the documented shapes', () => {
    expect(validate(Connected, { protocol: 1, serverId: 's', seq: 0, kinds: ['style'] }).ok).toBe(true);
    expect(validate(Reloaded, { ...reloaded, url: '/assets/styles/main.css?v=abc' }).ok).toBe(true);
    const failed = { seq: 2, ts: 1, kind: 'config', id: 'app', trigger: 'api', rolledBack: true, error: { message: 'x', line: 1 } };
    expect(validate(ReloadFailed, failed).ok).toBe(true);
  });

  it('name the failing path and keep every issue', () => {
    const result = validate(Reloaded, { ...reloaded, kind: 'sprite', seq: 0 }, 'reloaded event');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/^invalid reloaded event at (seq|kind): /);
    expect(result.error.issues.map((i) => i.path).sort()).toEqual(['kind', 'seq']);
  });

  it('reject an unknown trigger and a wrong protocol', () => {
    expect(validate(Reloaded, { ...reloaded, trigger: 'cron' }).ok).toBe(false);
    expect(validate(Connected, { protocol: 2, serverId: 's', seq: 0, kinds: [] }).ok).toBe(false);
  });
});
