import { ApiError, type HistoryEntry, type Schema, type Infer, validate } from '@hothub/shared';
import { expect } from 'vitest';
import type { Hub } from '../../src/index.js';

/** Reads a JSON answer and checks it against its shared schema. */
export async function json<S extends Schema>(response: Response, schema: S): Promise<Infer<S>> {
  const result = validate(schema, await response.json(), 'response');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Checks an error answer: status, JSON `{ error: { code, message } }`, no stack unless asked. */
export async function expectError(response: Response, status: number, code: string): Promise<ApiError> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await json(response, ApiError);
  expect(body.error.code).toBe(code);
  return body;
}

/** `POST` of a JSON body (or raw text), with extra headers. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** What a bad request must not change: the event count and every serving version. */
export function snapshot(hub: Hub): { seq: number; versions: string[] } {
  return { seq: hub.seq, versions: hub.artifacts().map((a) => `${a.kind}/${a.id}@${a.source.version}`).sort() };
}

/** What a history entry is about: a run's artifact and trigger (an application event has none, a page's error no trigger). */
export function about({ payload }: HistoryEntry): Partial<Record<'kind' | 'id' | 'trigger', string | undefined>> {
  return { kind: 'kind' in payload ? payload.kind : undefined, id: 'id' in payload ? payload.id : undefined, trigger: 'trigger' in payload ? payload.trigger : undefined };
}
