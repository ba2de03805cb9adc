import type { PluginList, WizardList } from '@hothub/shared';
import { type RequestHandler, Router } from 'express';
import type { Registry } from '../modules/module-registry.js';

/**
 * `GET /wizards` and `GET /plugins`: every module with its version, status, load time, reload count and
 * last error; `guards` run first (the token: errors name files).
 */
export function modulesRouter(wizards: Registry<object>, plugins: Registry<object>, guards: RequestHandler[]): Router {
  const router = Router();
  router.get('/wizards', ...guards, (_req, res) => {
    const body: WizardList = { wizards: wizards.list() };
    res.json(body);
  });
  router.get('/plugins', ...guards, (_req, res) => {
    const body: PluginList = { plugins: plugins.list() };
    res.json(body);
  });
  return router;
}
