import { KINDS, type KindName } from '@hothub/shared';
import * as z from 'zod';

/** Conventional folder of each kind, relative to the root. */
export const DEFAULT_DIRS: Record<KindName, string> = {
  wizard: 'wizards',
  plugin: 'plugins',
  component: 'components',
  theme: 'themes',
  style: 'styles',
  config: 'config',
};

const port = z.coerce.number().int().min(0).max(65535);
const debounce = z.coerce.number().int().min(0).max(60_000);

/** What a user can set, from a config file, the environment or flags (all optional here). */
export const HubSettings = z
  .object({
    root: z.string().min(1),
    port,
    host: z.string().min(1),
    debounce,
    dirs: z.partialRecord(z.enum(KINDS), z.string().min(1)),
    /** Browser assets up to this size travel inside the `reloaded` event. */
    inlineLimit: z.coerce.number().int().min(0),
    logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
    /** Milliseconds a plugin's `initialize()`, `getStatus()` or `cleanup()` may take. */
    pluginTimeout: z.coerce.number().int().min(1).max(600_000),
  })
  .partial()
  .strict();
export type HubSettings = z.infer<typeof HubSettings>;

/** Settings with every default filled in. */
export interface ResolvedSettings {
  root: string;
  port: number;
  host: string;
  debounce: number;
  dirs: Record<KindName, string>;
  inlineLimit: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  pluginTimeout: number;
}

export const DEFAULT_INLINE_LIMIT = 64 * 1024;

/** Later layers win: defaults < config file < environment < flags. */
export function resolveSettings(...layers: HubSettings[]): ResolvedSettings {
  const merged: HubSettings = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  return {
    root: merged.root ?? process.cwd(),
    port: merged.port ?? 8888,
    host: merged.host ?? '127.0.0.1',
    debounce: merged.debounce ?? 0,
    dirs: { ...DEFAULT_DIRS, ...merged.dirs },
    inlineLimit: merged.inlineLimit ?? DEFAULT_INLINE_LIMIT,
    logLevel: merged.logLevel ?? 'info',
    pluginTimeout: merged.pluginTimeout ?? 10_000,
  };
}
