import * as z from 'zod';
import type { Filled } from './filled.js';
import { SETTINGS, type Setting, type SettingKey } from './settings-table.js';

type Table = typeof SETTINGS;
type Shape = { [K in SettingKey]: Table[K]['schema'] };

/** What a user can set, from a config file, the environment or flags (all optional here). */
export const HubSettings = z
  .object(Object.fromEntries(Object.entries(SETTINGS).map(([key, entry]) => [key, entry.schema])) as Shape)
  .partial()
  .strict();
export type HubSettings = z.infer<typeof HubSettings>;

type WithDefault = { [K in SettingKey]: Table[K] extends Setting<z.ZodType, undefined> ? never : K }[SettingKey];
/** Settings with every default filled in; settings without a default stay optional. */
export type ResolvedSettings = { [K in WithDefault]: Filled<z.output<Table[K]['schema']>> } & {
  [K in Exclude<SettingKey, WithDefault>]?: z.output<Table[K]['schema']>;
};

/** Later layers win: defaults < config file < environment < flags. */
export function resolveSettings(...layers: HubSettings[]): ResolvedSettings {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(SETTINGS) as Array<[SettingKey, Setting]>) {
    const value = resolvedValue(entry.default, merged[key]);
    if (value !== undefined) resolved[key] = value;
  }
  return resolved as ResolvedSettings;
}

function resolvedValue(fallback: unknown, value: unknown): unknown {
  // createHub() callers pass settings unvalidated: an empty token or `periodic: 0` means "off", not a value.
  if (fallback === undefined) return value || undefined;
  if (value === undefined) return typeof fallback === 'function' ? fallback() : fallback;
  // Nested objects (dirs, alerts, rateLimit) set some fields; the defaults fill the rest.
  return isPlainObject(fallback) && isPlainObject(value) ? { ...fallback, ...value } : value;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
