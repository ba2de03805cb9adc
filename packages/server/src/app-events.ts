import { errorMessage, type Published, type RuntimeError } from '@hothub/shared';
import type { History } from './cluster/open-history.js';
import type { Probation } from './health/probation.js';
import type { HubOps } from './ops/hub-ops.js';
import { checkPublish } from './ops/publish-check.js';
import type { EventLog, PublishedEvent, RuntimeErrorEvent } from './pipeline/event-log.js';
import { runtimeErrorOf } from './realtime/runtime-failure.js';
import { type HubSocketServer, publish } from './realtime/socket-server.js';
import { FixedWindows } from './util/fixed-windows.js';
import type { Logger } from './util/log.js';

/** An application event or a page's runtime error: history entries that no pipeline run sent (issue 17). */
export type AppEvent = PublishedEvent | RuntimeErrorEvent;

/** What the consumers of an application event write to: the hub's parts, passed down as values. */
export interface AppEventsContext {
  log: Pick<EventLog, 'published' | 'runtimeError' | 'record'>;
  /** `.hothub/history.jsonl` and the cluster's stream, once the hub started. */
  history(): Pick<History, 'append'> | undefined;
  /** The socket server, once the hub listens. */
  pages(): HubSocketServer | undefined;
  ops: Pick<HubOps, 'recordRuntimeError'>;
  probation: Pick<Probation, 'pageFailed'>;
  /** Pages connected to this hub (the share of them failing is what rolls a version back). */
  connected(): number;
  /** `hub.on('published' | 'runtime_error', …)` listeners of the embedding application. */
  emit(event: AppEvent): void;
  logger: Logger;
}

/**
 * Runtime errors one page may add to the history (and the failure-rate alert) per minute: the SDK reports each
 * error once, but a page in an error loop must not push the reloads and published events out of the 1,000 the
 * history keeps for replay. Past it a report is still listed in `GET /clients`.
 */
export const RUNTIME_ERRORS_PER_PAGE = { max: 10, windowS: 60 } as const;

/** One consumer of an application event, named for logs; `followed`: another hub of the cluster numbered it. */
type Consumer = readonly [name: string, consume: (event: AppEvent, followed: boolean) => void];

/**
 * What happens to an application event, in this order, beside the runs' consumers of `after-run.ts`:
 * history (so a page that missed it is replayed it once, and every hub of a cluster has it), pages (`published`
 * only, to the rooms of its topic), the failure-rate alert and probation (a page's `runtime_error`, where the
 * page reported it), in-process listeners. Adding a consumer is one line here.
 */
function consumers(context: AppEventsContext): readonly Consumer[] {
  return [
    ['history (.hothub/, cluster stream)', (event, followed) => context.history()?.append({ event, ...(followed ? { followed } : {}) })],
    ['pages', (event) => event.name === 'published' && withPages(context, (io) => publish(io, event))],
    ['failure-rate alert', (event, followed) => event.name === 'runtime_error' && !followed && context.ops.recordRuntimeError()],
    ['probation', (event, followed) => event.name === 'runtime_error' && !followed && void blame(context, event)],
    ['in-process listeners', (event) => context.emit(event)],
  ];
}

/**
 * Application events (`hub.publish`, `POST /publish`) and pages' runtime errors: numbered by the hub's
 * `EventLog`, on the same `seq` as reloads, then handed to the consumers above.
 * @example
 * const events = new AppEvents(context);
 * events.publish('cart', { items: 2 }); // → { seq, ts, topic: 'cart', data: { items: 2 } }
 */
export class AppEvents {
  readonly #context: AppEventsContext;
  readonly #consumers: readonly Consumer[];
  readonly #perPage = new FixedWindows(RUNTIME_ERRORS_PER_PAGE);

  constructor(context: AppEventsContext) {
    this.#context = context;
    this.#consumers = consumers(context);
  }

  /** Checks (`PublishRefused` when refused), numbers and sends an application event. */
  publish(topic: string, data: unknown, options: { triggeredBy?: string } = {}): Published {
    checkPublish(topic, data);
    const event = this.#context.log.published({ topic, data, ...(options.triggeredBy === undefined ? {} : { triggeredBy: options.triggeredBy }) });
    this.#consume(event, false);
    return event.payload;
  }

  /**
   * A page's validated `runtime_error`: kept in history as a failure, counted, and blamed on its artifact's version
   * on probation; nothing past `RUNTIME_ERRORS_PER_PAGE`.
   */
  runtimeError(report: RuntimeError, socketId: string): void {
    if (this.#perPage.hit(socketId).limited) return;
    const { seq, ...rest } = report;
    this.#consume(this.#context.log.runtimeError({ ...rest, ...(seq === undefined ? {} : { blamedSeq: seq }), client: socketId }), false);
  }

  /** An application event or runtime error another hub of the cluster numbered: recorded, then sent to this hub's pages. */
  follow(event: AppEvent): void {
    this.#context.log.record(event);
    this.#consume(event, true);
  }

  #consume(event: AppEvent, followed: boolean): void {
    for (const [name, consume] of this.#consumers) {
      try {
        consume(event, followed);
      } catch (error) {
        this.#context.logger.error(`${name} failed on ${event.name} seq ${event.payload.seq}`, { error: errorMessage(error) });
      }
    }
  }
}

/** A runtime error blamed on an artifact counts against its version on probation, like `apply_failed` (reason `errors`). */
async function blame(context: AppEventsContext, { payload }: RuntimeErrorEvent): Promise<void> {
  const { kind, id, version, client } = payload;
  if (kind === undefined || id === undefined || client === undefined) return;
  const failure = { kind, id, ...(version === undefined ? {} : { version }), error: runtimeErrorOf(payload), socketId: client, runtime: true as const };
  await context.probation.pageFailed(failure, context.connected()).catch((error: unknown) => context.logger.error('the rollback of a version pages report errors for failed', { error: errorMessage(error) }));
}

function withPages(context: AppEventsContext, send: (io: HubSocketServer) => void): void {
  const io = context.pages();
  if (io) send(io);
}
