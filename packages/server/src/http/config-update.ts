import { ConfigPatch, type ReloadResult } from '@hothub/shared';
import express, { type RequestHandler, Router } from 'express';
import { RollbackRefused } from '../config/config-rollback.js';
import type { HubConfig } from '../config/hub-config.js';
import { requireJson } from './content-type.js';
import { HttpError, parseBody } from './http-error.js';
import { onlyMethods } from './method-not-allowed.js';

/**
 * `PATCH /config/:id` with a JSON merge patch (RFC 7396): the merged config runs through the pipeline
 * and, once it serves, is written to its file. Answers its `reloaded` event; 404 for a config that does
 * not serve, 422 `config_refused` when the merged config fails validation or a check (the serving one stays).
 */
export function configUpdateRouter(config: HubConfig, guard: RequestHandler[]): Router {
  const router = Router();
  router.patch('/config/:id', ...guard, requireJson, express.json({ limit: '1mb' }), async (req, res) => {
    const id = String(req.params.id);
    const changes = parseBody(ConfigPatch, req.body);
    let event;
    try {
      event = await config.update(id, changes);
    } catch (error) {
      if (error instanceof RollbackRefused) throw new HttpError(404, error.reason, error.message);
      throw error;
    }
    if (event.name === 'reload_failed') {
      throw new HttpError(422, 'config_refused', `the merged config was refused, the serving one stays: ${event.payload.error.message}`, event);
    }
    const result: ReloadResult = { target: `config/${id}`, events: [event] };
    res.json(result);
  });
  onlyMethods(router, '/config/:id', ['PATCH']);
  return router;
}
