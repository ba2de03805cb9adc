import * as z from 'zod/mini';

/** Every HTTP error of the hub: `{ error: { code, message, details? } }`. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Failing paths of a schema failure (`[{ path, message }]`), allowed methods of a 405, … */
    details: z.optional(z.unknown()),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
