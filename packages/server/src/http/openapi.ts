import {
  ApiError,
  ClientList,
  ArtifactVersions,
  VersionContent,
  HealthReport,
  HistoryQuery,
  HubStatus,
  KindName,
  ReloadHistory,
  ReloadRequest,
  ReloadResult,
  ReloadStatistics,
  RollbackRequest,
  RollbackToSeqRequest,
  PointInTimeResult,
  PublishRequest,
  PublishResult,
  ConfigPatch,
  type Schema,
  PluginList,
  WebhookRequest,
  WebhookSkipped,
  VersionName,
  WizardList,
} from '@hothub/shared';
import { Router } from 'express';
import { toJSONSchema } from 'zod';
import { packageVersion } from '../ops/package-version.js';
import { onlyMethods } from './method-not-allowed.js';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of a zod schema, as OpenAPI 3.1 embeds it (no `$schema`). */
function jsonSchema(schema: Schema, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const header = (name: string, schema: JsonSchema) => ({ name, in: 'header', required: false, schema });
const ok = (name: string, description: string) => ({ description, content: json(name) });
const error = (description: string) => ({ description, content: json('ApiError') });
/** Reads that carry paths or content: the token is needed only when the hub has one. */
const readTokenErrors = { 401: error('no bearer token (the hub has a token)'), 403: error('wrong token') };
const mutatingErrors = {
  400: error('malformed JSON, or the body fails the schema (details name the paths)'),
  404: error('unknown target'),
  413: error('body over 1 MB'),
  415: error('body is not application/json'),
  429: error('rate limit exceeded'),
};

/** The OpenAPI 3.1 document of the operations API, built from the zod schemas that validate requests. */
export function openApiDocument(): JsonSchema {
  const query = jsonSchema(HistoryQuery, 'input');
  const properties = Object.entries((query.properties ?? {}) as Record<string, JsonSchema>);
  return {
    openapi: '3.1.0',
    info: { title: 'hothub operations API', version: packageVersion() },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ReloadRequest: jsonSchema(ReloadRequest, 'input'),
        PublishRequest: jsonSchema(PublishRequest, 'input'),
        PublishResult: jsonSchema(PublishResult, 'output'),
        WebhookRequest: jsonSchema(WebhookRequest, 'input'),
        WebhookSkipped: jsonSchema(WebhookSkipped, 'output'),
        ReloadResult: jsonSchema(ReloadResult, 'output'),
        ReloadHistory: jsonSchema(ReloadHistory, 'output'),
        ReloadStatistics: jsonSchema(ReloadStatistics, 'output'),
        HealthReport: jsonSchema(HealthReport, 'output'),
        HubStatus: jsonSchema(HubStatus, 'output'),
        ClientList: jsonSchema(ClientList, 'output'),
        ApiError: jsonSchema(ApiError, 'output'),
        RollbackRequest: jsonSchema(RollbackRequest, 'input'),
        RollbackToSeqRequest: jsonSchema(RollbackToSeqRequest, 'input'),
        PointInTimeResult: jsonSchema(PointInTimeResult, 'output'),
        ConfigPatch: jsonSchema(ConfigPatch, 'input'),
        ArtifactVersions: jsonSchema(ArtifactVersions, 'output'),
        VersionContent: jsonSchema(VersionContent, 'output'),
        WizardList: jsonSchema(WizardList, 'output'),
        PluginList: jsonSchema(PluginList, 'output'),
      },
    },
    paths: {
      '/health': {
        get: { summary: 'Liveness and checks', responses: { 200: ok('HealthReport', 'healthy'), 503: ok('HealthReport', 'a check fails') } },
      },
      '/status': {
        get: {
          summary: 'Hub status, active alerts and the access policy; watchDirs only with the bearer token when the hub has one',
          responses: { 200: ok('HubStatus', 'status'), 403: error('wrong token') },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics (JSON with Accept: application/json)',
          responses: { 200: { description: 'metrics', content: { 'text/plain': { schema: { type: 'string' } }, 'application/json': {} } } },
        },
      },
      '/reload': {
        post: {
          summary: 'Reload all, a kind, or <kind>/<id>',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json('ReloadRequest') },
          responses: { 200: ok('ReloadResult', 'the events of the reload'), 401: error('no bearer token'), 403: error('wrong token'), ...mutatingErrors },
        },
      },
      '/publish': {
        post: {
          summary: 'Publish an application event to the pages that chose its topic (numbered on the reload seq, kept in history)',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json('PublishRequest') },
          responses: {
            200: ok('PublishResult', 'the event was numbered and sent'),
            401: error('no bearer token'),
            403: error('wrong token'),
            400: error('malformed JSON, a bad topic, or data missing (details name the paths)'),
            413: error('data over 16 KB of JSON (or a body over 1 MB)'),
            415: error('body is not application/json'),
            429: error('rate limit exceeded'),
          },
        },
      },
      '/reload/history': {
        get: {
          summary: 'Recent events, newest first',
          security: [{ bearer: [] }],
          parameters: properties.map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
          responses: { 200: ok('ReloadHistory', 'events'), 400: error('invalid query'), ...readTokenErrors },
        },
      },
      '/reload/statistics': { get: { summary: 'Reload statistics', responses: { 200: ok('ReloadStatistics', 'statistics') } } },
      '/clients': {
        get: {
          summary: 'Connected pages of every hub (in a cluster too, each with its hub): URL, user agent, subscription, the versions each applied and the failures each reported',
          security: [{ bearer: [] }],
          responses: { 200: ok('ClientList', 'pages'), ...readTokenErrors },
        },
      },
      '/rollback': {
        post: {
          summary:
            'Make a kept version of an artifact (any kind) serve again and write it to its file (the previous one without `version`); with `seq`, every artifact as it served right after that event',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { oneOf: [ref('RollbackRequest'), ref('RollbackToSeqRequest')] } } },
          },
          responses: {
            200: {
              description: 'the reloaded event (trigger api); with `seq`, each artifact changed and what became of it',
              content: { 'application/json': { schema: { oneOf: [ref('ReloadResult'), ref('PointInTimeResult')] } } },
            },
            401: error('no bearer token'),
            403: error('wrong token'),
            409: error('nothing to roll back to, or the restored version was refused'),
            ...mutatingErrors,
          },
        },
      },
      '/rollback/{kind}/{id}': {
        get: {
          summary: 'Versions an artifact can roll back to, newest first: version, when, trigger, size',
          parameters: [
            { name: 'kind', in: 'path', required: true, schema: jsonSchema(KindName, 'input') },
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          ],
          security: [{ bearer: [] }],
          responses: { 200: ok('ArtifactVersions', 'serving and kept versions'), 404: error('no such artifact'), ...readTokenErrors },
        },
      },
      '/rollback/{kind}/{id}/{version}': {
        get: {
          summary: "One version's text (the serving one or a kept one) to diff against the serving one; a config's secret-looking values redacted",
          security: [{ bearer: [] }],
          parameters: [
            { name: 'kind', in: 'path', required: true, schema: jsonSchema(KindName, 'input') },
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'version', in: 'path', required: true, schema: jsonSchema(VersionName, 'input') },
          ],
          responses: {
            200: ok('VersionContent', 'the text, or why it is omitted (binary, too_large, unparsable)'),
            404: error('no such artifact, or the version is not kept'),
            409: error('backup_locked: an encrypted config backup and no --secrets-key'),
            ...readTokenErrors,
          },
        },
      },
      '/config/{id}': {
        patch: {
          summary: 'Merge changes into a serving config (JSON merge patch, RFC 7396) and write its file',
          security: [{ bearer: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json('ConfigPatch') },
          responses: {
            200: ok('ReloadResult', 'the reloaded event (trigger api)'),
            401: error('no bearer token'),
            403: error('wrong token'),
            422: error('the merged config was refused (validation or a check); the serving one stays'),
            ...mutatingErrors,
          },
        },
      },
      '/wizards': { get: { summary: 'Loaded wizards', security: [{ bearer: [] }], responses: { 200: ok('WizardList', 'wizards'), ...readTokenErrors } } },
      '/plugins': { get: { summary: 'Loaded plugins', security: [{ bearer: [] }], responses: { 200: ok('PluginList', 'plugins'), ...readTokenErrors } } },
      '/webhook': {
        post: {
          summary: 'Reload from an external system, signed the Standard Webhooks way or as a GitHub hook',
          description:
            'Send webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body">), ' +
            'or X-Hub-Signature-256 with X-GitHub-Delivery and X-GitHub-Event (a push reloads all). ' +
            'A timestamp over 300 s off is refused, and so is an id already accepted.',
          parameters: [
            header('webhook-id', { type: 'string', maxLength: 256 }),
            header('webhook-timestamp', { type: 'string', pattern: '^[0-9]{1,12}$' }),
            header('webhook-signature', { type: 'string', pattern: '^v1,' }),
            header('X-Hub-Signature-256', { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' }),
            header('X-GitHub-Delivery', { type: 'string', maxLength: 256 }),
            header('X-GitHub-Event', { type: 'string', maxLength: 100 }),
          ],
          requestBody: { required: false, content: json('WebhookRequest') },
          responses: {
            200: { description: 'the events of the reload, or why nothing was reloaded (a GitHub ping)', content: { 'application/json': { schema: { oneOf: [ref('ReloadResult'), ref('WebhookSkipped')] } } } },
            401: error('missing or bad signature, removed X-Hothub-Signature, or timestamp out of range'),
            409: error('delivery id already accepted (a replay)'),
            503: error('too many delivery ids to remember; retry later'),
            ...mutatingErrors,
          },
        },
      },
    },
  };
}

/** `GET /openapi.json`. */
export function openApiRouter(): Router {
  const router = Router();
  const document = openApiDocument();
  router.get('/openapi.json', (_req, res) => void res.json(document));
  onlyMethods(router, '/openapi.json', ['GET']);
  return router;
}
