import { HistoryQuery, PublishRequest, ReloadRequest, RollbackRequest, WebhookRequest } from '@hothub/shared';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { expectError } from './support/api.js';
import { startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

const Operation = z.object({
  parameters: z.array(z.object({ name: z.string() })).optional(),
  responses: z.record(z.string(), z.unknown()),
  security: z.unknown().optional(),
});
const OpenApi = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), Operation)),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
});

describe('GET /openapi.json', () => {
  it('documents every endpoint with the request schemas that validate them', async () => {
    const hub = await startHub({ root: await tempRoot() });
    const res = await fetch(`${hub.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = OpenApi.parse(await res.json());
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/health', '/metrics', '/clients', '/reload', '/reload/history', '/reload/statistics', '/status', '/webhook',
        '/rollback', '/rollback/{kind}/{id}', '/rollback/{kind}/{id}/{version}', '/config/{id}', '/wizards', '/plugins', '/publish',
      ].sort(),
    );
    const { $schema: _p, ...publish } = z.toJSONSchema(PublishRequest, { io: 'input', unrepresentable: 'any' });
    expect(doc.components.schemas.PublishRequest).toEqual(publish);
    const { $schema: _r, ...rollback } = z.toJSONSchema(RollbackRequest, { io: 'input' });
    expect(doc.components.schemas.RollbackRequest).toEqual(rollback);
    const { $schema: _a, ...reload } = z.toJSONSchema(ReloadRequest, { io: 'input' });
    expect(doc.components.schemas.ReloadRequest).toEqual(reload);
    const { $schema: _b, ...webhook } = z.toJSONSchema(WebhookRequest, { io: 'input' });
    expect(doc.components.schemas.WebhookRequest).toEqual(webhook);
    const query = z.toJSONSchema(HistoryQuery, { io: 'input', unrepresentable: 'any' });
    const parameters = doc.paths['/reload/history']!.get!.parameters!.map((p) => p.name);
    expect(parameters).toEqual(Object.keys(query.properties ?? {}));
    expect(doc.paths['/reload']!.post!.responses).toHaveProperty('401');
    expect(doc.paths['/reload']!.post!.security).toEqual([{ bearer: [] }]);
    await expectError(await fetch(`${hub.url}/openapi.json`, { method: 'POST' }), 405, 'method_not_allowed');
  });
});
