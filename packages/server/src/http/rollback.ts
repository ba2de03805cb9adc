import { type ConfigVersions, RollbackRequest, type ReloadResult } from '@hothub/shared';
import express, { type RequestHandler, Router } from 'express';
import { RollbackRefused } from '../config/config-rollback.js';
import type { HubConfig } from '../config/hub-config.js';
import { requireJson } from './content-type.js';
import { HttpError, parseBody } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';

/**
 * `GET /rollback/config/:id`: the versions a config can roll back to.
 * `POST /rollback { kind, id, version? }`: makes a backed-up version serve again and answers
 * with its `reloaded` event (trigger `api`). 404 for an unknown config or version, 409 when there
 * is nothing to roll back to or the restored version fails its checks (the serving one stays).
 */
export function rollbackRouter(config: HubConfig, guard: RequestHandler[]): Router {
  const router = Router();
  router.post('/rollback', ...guard, requireJson, express.json({ limit: '1mb' }), async (req, res) => {
    const { kind, id, version } = parseBody(RollbackRequest, req.body);
    if (kind !== 'config') throw new HttpError(400, 'rollback_unsupported', `only configs keep backups to roll back to, not ${kind}s`);
    let event;
    try {
      event = await config.rollback(id, version);
    } catch (error) {
      if (!(error instanceof RollbackRefused)) throw error;
      const status = error.reason === 'unknown_config' || error.reason === 'unknown_version' ? 404 : 409;
      throw new HttpError(status, error.reason, error.message, { versions: error.versions });
    }
    if (event.name === 'reload_failed') {
      throw new HttpError(409, 'rollback_failed', `the restored version was refused: ${event.payload.error.message}`, event);
    }
    const result: ReloadResult = { target: `config/${id}`, events: [event] };
    res.json(result);
  });
  // Only ids of serving configs reach the backup folder: the URL never becomes a path.
  router.get('/rollback/config/:id', async (req, res) => {
    const id = req.params.id;
    if (!config.ids().includes(id)) throw new HttpError(404, 'unknown_config', `no config "${id}" is loaded`);
    const serving = config.version(id);
    const versions = (await config.versions(id)).map(({ version, savedAt }) => ({ version, savedAt }));
    const answer: ConfigVersions = { id, ...(serving ? { serving } : {}), versions };
    res.json(answer);
  });
  onlyMethods(router, '/rollback', ['POST']);
  onlyMethods(router, '/rollback/config/:id', ['GET']);
  return router;
}
