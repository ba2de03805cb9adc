import * as z from 'zod/mini';

/** `all`, a kind (`style`), or one artifact (`style/pages/home.css`); resolved against the watched folders only. */
export const ReloadTarget = z.string().check(z.minLength(1), z.maxLength(1024));
export type ReloadTarget = z.infer<typeof ReloadTarget>;

/** Body of `POST /reload`. */
export const ReloadRequest = z.strictObject({ target: ReloadTarget });
export type ReloadRequest = z.infer<typeof ReloadRequest>;
