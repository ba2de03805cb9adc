import { EventMessage, type Infer, Published, PublishRequest, ReloadRequest, RuntimeError, type Schema, Trigger, errorMessage, validate } from '@hothub/shared';
import * as z from 'zod/mini';

/**
 * What a follower asks the cluster's leader to number (issue 12): a follower that numbered these itself could
 * hand out a `seq` the leader was handing out at the same instant, then skip the leader's event of that number,
 * so its pages missed a reload. File saves need no forwarding: only the leader runs them.
 */
export const ForwardRequest = z.union([
  z.object({ op: z.literal('reload'), ...ReloadRequest.shape, trigger: Trigger }),
  z.object({ op: z.literal('publish'), ...PublishRequest.shape }),
  z.object({ op: z.literal('runtime_error'), report: RuntimeError, client: z.string().check(z.maxLength(100)) }),
]);
export type ForwardRequest = z.infer<typeof ForwardRequest>;

/** The leader's answer: what it numbered, or why it refused (`name` of the error, so the follower throws the same). */
export const ForwardAnswer = z.union([
  z.object({ events: z.array(EventMessage) }),
  z.object({ published: Published }),
  z.object({ recorded: z.literal(true) }),
  z.object({ refused: z.object({ name: z.string(), message: z.string(), status: z.optional(z.int()), code: z.optional(z.string()) }) }),
]);
export type ForwardAnswer = z.infer<typeof ForwardAnswer>;

/** A leader's refusal, rethrown on the follower that forwarded the request. */
export class ForwardRefused extends Error {
  constructor(
    readonly refusal: Extract<ForwardAnswer, { refused: unknown }>['refused'],
  ) {
    super(refusal.message);
    this.name = refusal.name;
  }
}

/** The error a handler threw, as the leader answers it. */
export function refusal(error: unknown): ForwardAnswer {
  const { name, status, code } = error instanceof Error ? (error as Error & { status?: unknown; code?: unknown }) : { name: 'Error', status: undefined, code: undefined };
  return {
    refused: {
      name,
      message: errorMessage(error),
      ...(typeof status === 'number' ? { status } : {}),
      ...(typeof code === 'string' ? { code } : {}),
    },
  };
}

/** Validates what another hub sent (it came through Redis): a request, or the leader's answer. */
export function readForwarded<S extends Schema>(schema: S, input: unknown, what: string): Infer<S> {
  const result = validate(schema, input, what);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
