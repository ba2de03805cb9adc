import { type ArtifactVersions, KindName, type PointInTimeResult, RollbackRequest, RollbackToSeqRequest, type ReloadResult, validate, VersionName } from '@hothub/shared';
import express, { type RequestHandler, Router } from 'express';
import { BackupLocked } from '../config/backup-cipher.js';
import { RollbackRefused } from '../config/config-rollback.js';
import type { HubConfig } from '../config/hub-config.js';
import type { KindVersions } from '../ops/kind-versions.js';
import { PointInTimeTooOld, rollbackToSeq } from '../ops/point-in-time.js';
import { versionContent } from '../ops/version-content.js';
import type { EventLog, HubEvent } from '../pipeline/event-log.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { requireJson } from './content-type.js';
import { HttpError, parseBody } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';

export interface RollbackContext {
  config: HubConfig;
  versions: KindVersions;
  pipeline: Pipeline;
  events: Pick<EventLog, 'since'>;
}

/**
 * `GET /rollback/<kind>/<id>`: the versions an artifact can roll back to (version, when, trigger, size).
 * `GET /rollback/<kind>/<id>/<version>` (token): that version's text (`VersionContent`, a config's redacted), to
 * diff against the serving one; 409 `backup_locked` for a config backup encrypted with a key this hub lacks.
 * `POST /rollback { kind, id, version? }`: makes a kept version serve again and answers with its
 * `reloaded` event (trigger `api`). 404 for an unknown artifact or version, 409 when there is nothing to
 * roll back to or the restored version fails its checks (the serving one stays).
 * `POST /rollback { seq }`: every artifact as it served right after event `seq`, one after the other, each
 * reported (`ops/point-in-time.ts`); 409 `seq_too_old` when the hub's recent events no longer reach back to it.
 */
export function rollbackRouter(context: RollbackContext, guard: RequestHandler[]): Router {
  const router = Router();
  router.post('/rollback', ...guard, requireJson, express.json({ limit: '1mb' }), async (req, res) => {
    // A body naming `seq` is a point in time; its schema then refuses any other field.
    if (typeof req.body === 'object' && req.body !== null && 'seq' in req.body) {
      res.json(await toSeq(context, parseBody(RollbackToSeqRequest, req.body).seq));
      return;
    }
    const { kind, id, version } = parseBody(RollbackRequest, req.body);
    if (kind !== 'config' && !(await context.versions.known(kind, id))) throw unknown(kind, id);
    const event = await refusedAsHttp(() => restore(context, kind, id, version));
    if (event.name === 'reload_failed') {
      throw new HttpError(409, 'rollback_failed', `the restored version was refused: ${event.payload.error.message}`, event);
    }
    const result: ReloadResult = { target: `${kind}/${id}`, events: [event] };
    res.json(result);
  });
  // The id is never a path: only ids that serve or have kept versions reach the store, which encodes them. Ids
  // hold `/` (`sub/main.css`): a path naming no artifact whose last segment is a version names that version.
  router.get('/rollback/:kind/*id', ...guard, async (req, res) => {
    const kind = parseBody(KindName, req.params.kind, 'query');
    // With guards before it, express types the wildcard as `string | string[]`: it is the array of segments.
    const segments = [req.params.id ?? []].flat();
    const id = segments.join('/');
    if (await known(context, kind, id)) {
      res.json(await versionList(context, kind, id));
      return;
    }
    const version = segments.at(-1) ?? '';
    const owner = segments.slice(0, -1).join('/');
    if (segments.length < 2 || !validate(VersionName, version, 'version').ok || !(await known(context, kind, owner))) throw unknown(kind, id);
    const content = await versionContent(context.versions, kind, owner, version).catch((error: unknown) => {
      throw error instanceof BackupLocked ? new HttpError(409, 'backup_locked', error.message) : error;
    });
    if (!content) throw new HttpError(404, 'unknown_version', `version ${version} of ${kind} "${owner}" is not kept: GET /rollback/${kind}/${owner} lists the kept ones`);
    res.json(content);
  });
  onlyMethods(router, '/rollback', ['POST']);
  onlyMethods(router, '/rollback/:kind/*id', ['GET']);
  return router;
}

function known(context: RollbackContext, kind: KindName, id: string): Promise<boolean> | boolean {
  return kind === 'config' ? context.config.ids().includes(id) : context.versions.known(kind, id);
}

async function versionList(context: RollbackContext, kind: KindName, id: string): Promise<ArtifactVersions> {
  const kept = (await context.versions.list(kind, id)) ?? [];
  const serving = kind === 'config' ? context.config.version(id) : context.pipeline.serving.get(kind, id)?.source.version;
  const versions = kept.map(({ version, savedAt, trigger, size }) => ({ version, savedAt, size, ...(trigger ? { trigger } : {}) }));
  return { kind, id, ...(serving ? { serving } : {}), versions };
}

function restore(context: RollbackContext, kind: KindName, id: string, version: string | undefined): Promise<HubEvent> {
  return kind === 'config' ? context.config.rollback(id, version) : context.versions.rollback(context.pipeline, kind, id, version);
}

async function toSeq(context: RollbackContext, seq: number): Promise<PointInTimeResult> {
  const events = context.events.since(0);
  if (seq > (events.at(-1)?.payload.seq ?? 0)) throw new HttpError(404, 'unknown_seq', `no event ${seq} was sent yet: GET /reload/history lists them`);
  try {
    return await rollbackToSeq(seq, events, context.pipeline.serving, (kind, id, version) => restore(context, kind, id, version));
  } catch (error) {
    if (error instanceof PointInTimeTooOld) throw new HttpError(409, 'seq_too_old', error.message);
    throw error;
  }
}

function unknown(kind: KindName, id: string): HttpError {
  return new HttpError(404, 'unknown_artifact', `no ${kind} "${id}" serves or has kept versions: GET /status lists what serves`);
}

async function refusedAsHttp(rollback: () => Promise<HubEvent>): Promise<HubEvent> {
  try {
    return await rollback();
  } catch (error) {
    if (!(error instanceof RollbackRefused)) throw error;
    const status = error.reason === 'unknown_config' || error.reason === 'unknown_version' ? 404 : 409;
    throw new HttpError(status, error.reason, error.message, { versions: error.versions });
  }
}
