import * as z from 'zod/mini';

const headerText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/**
 * Headers of a `POST /webhook` signed the Standard Webhooks way (https://www.standardwebhooks.com/):
 * `webhook-signature` holds one or more space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
 */
export const StandardWebhookHeaders = z.object({
  'webhook-id': headerText(256),
  /** Unix seconds. */
  'webhook-timestamp': z.string().check(z.regex(/^\d{1,12}$/, 'expected Unix seconds, digits only')),
  'webhook-signature': headerText(4096),
});
export type StandardWebhookHeaders = z.infer<typeof StandardWebhookHeaders>;

/** Headers of a GitHub repository webhook: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`. */
export const GitHubWebhookHeaders = z.object({
  'x-hub-signature-256': headerText(200),
  /** The delivery's GUID: the id a replay is recognised by. */
  'x-github-delivery': headerText(256),
  'x-github-event': headerText(100),
});
export type GitHubWebhookHeaders = z.infer<typeof GitHubWebhookHeaders>;

/**
 * The part of a GitHub `push` payload the hub reads: when the push happened. Push events send
 * `pushed_at` as Unix seconds, other events as ISO text (isaacs/github#1534); both are accepted.
 */
export const GitHubPush = z.object({
  repository: z.object({ pushed_at: z.union([z.int().check(z.minimum(0)), z.iso.datetime({ offset: true })]) }),
});
export type GitHubPush = z.infer<typeof GitHubPush>;
