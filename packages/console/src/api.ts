import { ApiError, type EventMessage, type Infer, ReloadHistory, type Schema, validate } from '@hothub/shared';

const TOKEN_KEY = 'hothub-console-token';

/** Where the hub's routes are (its mount in an app, `''` at the root), as the page the hub served says. */
export const BASE = document.body.dataset.base ?? '';

/** The hub's bearer token, kept for this tab only (sessionStorage), sent with every API call. */
export const token = {
  get: (): string | undefined => sessionStorage.getItem(TOKEN_KEY) ?? undefined,
  set: (value: string): void => sessionStorage.setItem(TOKEN_KEY, value),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** The hub refused the token (401/403): the console asks for it again. */
export class TokenRefused extends Error {}

async function call<S extends Schema>(path: string, schema: S, init: RequestInit = {}): Promise<Infer<S>> {
  const secret = token.get();
  const headers = new Headers(init.headers);
  if (secret) headers.set('authorization', `Bearer ${secret}`);
  const response = await fetch(`${BASE}${path}`, { ...init, headers });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401 || response.status === 403) throw new TokenRefused(`${path}: ${response.status}`);
  if (!response.ok) {
    const error = validate(ApiError, body, `${path} error`);
    throw new Error(error.ok ? error.value.error.message : `${path} answered ${response.status}`);
  }
  const result = validate(schema, body, path);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** `GET` of a hub route, its answer checked against its shared schema. */
export function getJson<S extends Schema>(path: string, schema: S): Promise<Infer<S>> {
  return call(path, schema);
}

/** `POST` of a JSON body to a hub route, its answer checked against its shared schema. */
export function postJson<S extends Schema>(path: string, body: unknown, schema: S): Promise<Infer<S>> {
  return call(path, schema, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The latest pipeline runs in the history (`reloaded`, `reload_failed`), newest first: app events and page errors left out. */
export async function recentRuns(limit: number): Promise<EventMessage[]> {
  const { events } = await getJson(`/reload/history?limit=${limit}`, ReloadHistory);
  return events.filter((entry): entry is EventMessage => entry.name === 'reloaded' || entry.name === 'reload_failed');
}
