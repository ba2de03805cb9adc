import { describe, expect, it } from 'vitest';
import { ApplyFailed, Handshake, validate } from '../src/index.js';

describe('client-to-server schemas', () => {
  it('accept an apply failure and a resuming handshake with a subscription', () => {
    const failure = { kind: 'component', id: 'counter', version: 'abc', error: { message: 'boom', line: 3 } };
    expect(validate(ApplyFailed, failure).ok).toBe(true);
    const handshake = { lastSeq: 12, serverId: 'a1b2', subscribe: { kinds: ['style'], ids: ['theme/dark'] } };
    expect(validate(Handshake, handshake).ok).toBe(true);
    expect(validate(Handshake, {}).ok).toBe(true);
  });

  it('name the failing path of a bad handshake and a bad report', () => {
    const handshake = validate(Handshake, { lastSeq: -1, subscribe: { kinds: ['sprite'] } }, 'handshake');
    expect(handshake.ok).toBe(false);
    if (!handshake.ok) expect(handshake.error.issues.map((i) => i.path).sort()).toEqual(['lastSeq', 'subscribe.kinds[0]']);
    const report = validate(ApplyFailed, { kind: 'component', id: '', error: {} }, 'apply_failed');
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.error.issues.map((i) => i.path).sort()).toEqual(['error.message', 'id']);
  });
});
