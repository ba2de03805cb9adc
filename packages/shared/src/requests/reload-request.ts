import * as z from 'zod/mini';

/** `all`, a kind (`style`), or one artifact (`style/pages/home.css`); resolved against the watched folders only. */
export const ReloadTarget = z.string().check(z.minLength(1), z.maxLength(1024));
export type ReloadTarget = z.infer<typeof ReloadTarget>;

/**
 * Who asked for a run and why, as `POST /reload` and the webhook take them: free text, bounded here (the events
 * that carry them declare plain strings, which keeps the SDK's bundle from paying for these checks).
 */
export const RunOrigin = {
  triggeredBy: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  reason: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
};

/** Body of `POST /reload`: `triggeredBy` and `reason` travel in its events, history and audit log. */
export const ReloadRequest = z.strictObject({ target: ReloadTarget, ...RunOrigin });
export type ReloadRequest = z.infer<typeof ReloadRequest>;
