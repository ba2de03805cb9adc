import { TRIGGERS, type Trigger } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { ForwardAnswer, ForwardRefused, ForwardRequest, readForwarded, refusal } from '../src/cluster/forward.js';
import { answerForwarded, eventsFrom, forwardsRun, publishedFrom } from '../src/forwarding.js';
import { UnknownTargetError } from '../src/ops/reload-targets.js';
import { PublishRefused } from '../src/ops/publish-check.js';

// What a follower forwards to the leader comes back through Redis (issue 12): each side validates what the other sent.
describe('forwarding to the leader', () => {
  it('refuses a malformed request or answer from another hub with a message naming what is wrong', () => {
    expect(() => readForwarded(ForwardRequest, { op: 'reload', trigger: 'api' }, 'forwarded request')).toThrow(/invalid forwarded request/);
    expect(() => readForwarded(ForwardRequest, { op: 'drop-all' }, 'forwarded request')).toThrow(/invalid forwarded request/);
    expect(() => readForwarded(ForwardAnswer, { events: [{ name: 'reloaded' }] }, "the leader's answer")).toThrow(/invalid the leader's answer/);
    expect(readForwarded(ForwardRequest, { op: 'publish', topic: 'cart', data: null }, 'forwarded request')).toEqual({ op: 'publish', topic: 'cart', data: null });
  });

  it("rethrows the leader's refusal as the error a caller on the leader gets", () => {
    expect(() => eventsFrom(refusal(new UnknownTargetError('style/nope.css')), 'style/nope.css')).toThrow(UnknownTargetError);
    const refused = refusal(new PublishRefused(413, 'too_large', 'data is 20000 bytes'));
    expect(refused).toEqual({ refused: { name: 'PublishRefused', message: 'data is 20000 bytes', status: 413, code: 'too_large' } });
    expect(() => publishedFrom(refused)).toThrow(ForwardRefused);
    expect(() => publishedFrom({ recorded: true })).toThrow(/answered recorded where it was asked something else/);
  });

  it('runs each request on the leader as the call a caller there makes; only callers\' runs are forwarded', async () => {
    const calls: string[] = [];
    const targets = {
      reload: async (target: string, trigger: Trigger, origin: object) => {
        calls.push(`reload ${target} ${trigger} ${JSON.stringify(origin)}`);
        return [];
      },
      publish: (topic: string) => {
        calls.push(`publish ${topic}`);
        return { seq: 7, ts: 1, topic, data: 1 };
      },
      runtimeError: (_report: unknown, client: string) => void calls.push(`runtime_error ${client}`),
    };
    expect(await answerForwarded({ op: 'reload', target: 'style', trigger: 'api', triggeredBy: 'ci' }, targets)).toEqual({ events: [] });
    expect(await answerForwarded({ op: 'publish', topic: 'cart', data: 1 }, targets)).toEqual({ published: { seq: 7, ts: 1, topic: 'cart', data: 1 } });
    expect(await answerForwarded({ op: 'runtime_error', report: { message: 'boom' }, client: 'sock' }, targets)).toEqual({ recorded: true });
    expect(calls).toEqual(['reload style api {"triggeredBy":"ci"}', 'publish cart', 'runtime_error sock']);
    expect(TRIGGERS.filter(forwardsRun)).toEqual(['manual', 'api', 'webhook']);
  });
});
