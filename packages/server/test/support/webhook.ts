import { createHmac, randomUUID } from 'node:crypto';

export type StandardHeaders = { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };
export type GitHubHeaders = { 'x-hub-signature-256': string; 'x-github-delivery': string; 'x-github-event': string };

/** Unix seconds, `offsetS` away from now. */
export function unixNow(offsetS = 0): number {
  return Math.floor(Date.now() / 1000) + offsetS;
}

/**
 * Standard Webhooks headers for a body, written from the spec rather than from the hub's code:
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the base64 after `whsec_`.
 */
export function standardHeaders(secret: string, body: string, options: { id?: string; timestamp?: number } = {}): StandardHeaders {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(options.timestamp ?? unixNow());
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret);
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

/** The headers GitHub sends with a repository hook's delivery. */
export function githubHeaders(secret: string, body: string, event: string, delivery: string = randomUUID()): GitHubHeaders {
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return { 'x-hub-signature-256': `sha256=${signature}`, 'x-github-delivery': delivery, 'x-github-event': event };
}

/** A GitHub `push` payload, trimmed to what matters: `pushed_at` in Unix seconds as GitHub sends it. */
export function githubPush(pushedAt: number = unixNow()): string {
  return JSON.stringify({
    ref: 'refs/heads/main',
    repository: { full_name: 'acme/site', pushed_at: pushedAt, updated_at: '2026-12-03T13:00:00Z' },
    commits: [{ id: 'abc', added: [], removed: [], modified: ['styles/main.css'] }],
  });
}
