import type { Published, RuntimeError, Trigger } from '@hothub/shared';
import { type ForwardAnswer, ForwardRefused, type ForwardRequest } from './cluster/forward.js';
import type { HubEvent } from './pipeline/event-log.js';
import type { RunOrigin } from './pipeline/pipeline.js';
import { UnknownTargetError } from './ops/reload-targets.js';

/** Runs started by a caller (API, webhook, `hub.reload`), which a follower has the leader number; a startup or periodic run is local. */
const FORWARDED_TRIGGERS: ReadonlySet<Trigger> = new Set(['manual', 'api', 'webhook']);

/** What the leader runs for a follower: the same calls a caller on the leader makes. */
export interface ForwardTargets {
  reload(target: string, trigger: Trigger, origin: RunOrigin): Promise<HubEvent[]>;
  publish(topic: string, data: unknown, options: { triggeredBy?: string }): Published;
  runtimeError(report: RuntimeError, client: string): void;
}

/**
 * A follower's request, run on the leader (issue 12: only the leader numbers). Throws what the call threw; the
 * cluster answers it as a refusal.
 * @example
 * await answerForwarded({ op: 'reload', target: 'style', trigger: 'api' }, targets); // { events: [...] }
 */
export async function answerForwarded(request: ForwardRequest, targets: ForwardTargets): Promise<ForwardAnswer> {
  switch (request.op) {
    case 'reload':
      return { events: await targets.reload(request.target, request.trigger, originOf(request)) };
    case 'publish':
      return { published: targets.publish(request.topic, request.data, request.triggeredBy === undefined ? {} : { triggeredBy: request.triggeredBy }) };
    case 'runtime_error':
      targets.runtimeError(request.report, request.client);
      return { recorded: true };
    default: {
      const never: never = request;
      return never;
    }
  }
}

/** Whether a run of `trigger` goes to the leader when this hub follows. */
export function forwardsRun(trigger: Trigger): boolean {
  return FORWARDED_TRIGGERS.has(trigger);
}

/** The leader's events for a forwarded reload; its refusal thrown as the error the caller would get on the leader. */
export function eventsFrom(answer: ForwardAnswer, target: string): HubEvent[] {
  if ('events' in answer) return answer.events;
  throw refusedBy(answer, target);
}

/** The leader's event for a forwarded publish. */
export function publishedFrom(answer: ForwardAnswer): Published {
  if ('published' in answer) return answer.published;
  throw refusedBy(answer, '');
}

function refusedBy(answer: ForwardAnswer, target: string): Error {
  if (!('refused' in answer)) return new Error(`the leader answered ${Object.keys(answer).join(', ')} where it was asked something else`);
  return answer.refused.name === 'UnknownTargetError' ? new UnknownTargetError(target) : new ForwardRefused(answer.refused);
}

function originOf({ triggeredBy, reason }: RunOrigin): RunOrigin {
  return { ...(triggeredBy === undefined ? {} : { triggeredBy }), ...(reason === undefined ? {} : { reason }) };
}
