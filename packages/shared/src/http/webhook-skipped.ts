import * as z from 'zod/mini';

/** Answer of `POST /webhook` for a signed delivery that asks for no reload (a GitHub `ping`, say). */
export const WebhookSkipped = z.object({ skipped: z.string() });
export type WebhookSkipped = z.infer<typeof WebhookSkipped>;
