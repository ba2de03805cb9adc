import * as z from 'zod/mini';
import { ReloadTarget, RunOrigin } from './reload-request.js';

/**
 * Body of a Standard Webhooks delivery to `POST /webhook`. Other fields are ignored, so a CI
 * system's own payload without `target` reloads everything.
 */
export const WebhookRequest = z.object({ target: z._default(ReloadTarget, 'all'), ...RunOrigin });
export type WebhookRequest = z.infer<typeof WebhookRequest>;
