import type { ConfigData } from './parse-config.js';

/**
 * JSON merge patch (RFC 7396): an object in `patch` merges into the object at the same key, `null`
 * removes the key, any other value (arrays included) replaces it. Returns a new object.
 * @example
 * mergePatch({ db: { host: 'a', port: 1 } }, { db: { port: null, pool: 5 } }); // { db: { host: 'a', pool: 5 } }
 */
export function mergePatch(target: ConfigData, patch: ConfigData): ConfigData {
  const merged: ConfigData = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (isObject(value)) merged[key] = mergePatch(isObject(merged[key]) ? merged[key] : {}, value);
    else merged[key] = value;
  }
  return merged;
}

function isObject(value: unknown): value is ConfigData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
