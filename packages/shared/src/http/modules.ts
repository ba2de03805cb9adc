import * as z from 'zod/mini';
import { ReloadError } from '../events/reload-failed.js';

/** `active`: the file's latest version serves; `stale`: its latest save failed and the one before still serves; `failed`: nothing serves. */
export const ModuleStatus = z.enum(['active', 'stale', 'failed']);
export type ModuleStatus = z.infer<typeof ModuleStatus>;

/** A server-side module (wizard or plugin) as `GET /wizards` and `GET /plugins` list it. */
export const ModuleInfo = z.object({
  id: z.string(),
  /** Version serving now (a hash of the module and every local file it imports); null when none serves. */
  version: z.nullable(z.string()),
  status: ModuleStatus,
  /** When the serving version was loaded (ms since the epoch). */
  loadedAt: z.nullable(z.number()),
  /** Successful reloads since the first load. */
  reloadCount: z.int().check(z.nonnegative()),
  /** The latest failure, kept after a later success so it can still be read. */
  lastError: z.nullable(ReloadError),
});
export type ModuleInfo = z.infer<typeof ModuleInfo>;

export const WizardList = z.object({ wizards: z.array(ModuleInfo) });
export type WizardList = z.infer<typeof WizardList>;

export const PluginList = z.object({ plugins: z.array(ModuleInfo) });
export type PluginList = z.infer<typeof PluginList>;
