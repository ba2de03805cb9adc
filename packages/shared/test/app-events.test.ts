import { describe, expect, it } from 'vitest';
import { Handshake, HistoryEntry, Published, PublishRequest, RuntimeError, TopicsRequest, validate } from '../src/index.js';

describe('app events (issue 17)', () => {
  it('accept a publish request, a published event, a topics request and a handshake with topics', () => {
    expect(validate(PublishRequest, { topic: 'cart', data: { items: 2 }, triggeredBy: 'checkout' }).ok).toBe(true);
    expect(validate(PublishRequest, { topic: 'build/status:ok.v2', data: null }).ok).toBe(true);
    expect(validate(Published, { seq: 3, ts: 1, topic: 'cart', data: [1, 'a'] }).ok).toBe(true);
    expect(validate(TopicsRequest, { topics: [] }).ok).toBe(true);
    expect(validate(Handshake, { lastSeq: 2, topics: ['cart', 'orders:new'] }).ok).toBe(true);
  });

  it('refuse bad topics: empty, too long, a leading symbol, spaces, more than 64, an unknown field', () => {
    for (const topic of ['', 'x'.repeat(101), '-cart', 'my cart', '../x', 'ca\nrt']) {
      const r = validate(PublishRequest, { topic, data: 1 }, 'publish');
      expect(r.ok, topic).toBe(false);
      if (!r.ok) expect(r.error.issues[0]?.path).toBe('topic');
    }
    const many = Array.from({ length: 65 }, (_, i) => `t${i}`);
    expect(validate(TopicsRequest, { topics: many }).ok).toBe(false);
    expect(validate(Handshake, { topics: many }).ok).toBe(false);
    expect(validate(PublishRequest, { topic: 'cart', data: 1, extra: true }).ok).toBe(false);
  });

  it('bound a runtime error report and keep it in history as its own entry', () => {
    const report = { message: 'boom', stack: 'at x', source: { url: 'http://a/app.js', line: 3, column: 9 }, kind: 'component', id: 'counter', version: 'abc', seq: 4, page: 'http://a/', unhandledRejection: false };
    expect(validate(RuntimeError, report).ok).toBe(true);
    expect(validate(RuntimeError, { message: 'x'.repeat(2001) }).ok).toBe(false);
    expect(validate(RuntimeError, { message: 'm', stack: 's'.repeat(8001) }).ok).toBe(false);
    expect(validate(RuntimeError, { message: 'm', kind: 'sprite' }).ok).toBe(false);
    const entry = { name: 'runtime_error', payload: { seq: 9, ts: 1, message: 'boom', kind: 'component', id: 'counter', blamedSeq: 4, client: 'sock' } };
    expect(validate(HistoryEntry, entry).ok).toBe(true);
    expect(validate(HistoryEntry, { name: 'published', payload: { seq: 10, ts: 1, topic: 'cart', data: {} } }).ok).toBe(true);
  });
});
