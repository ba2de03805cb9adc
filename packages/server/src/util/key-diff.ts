import { isDeepStrictEqual } from 'node:util';

/** One key whose value differs between two versions; `undefined` stands for absent. */
export interface KeyChange {
  key: string;
  oldValue: unknown;
  newValue: unknown;
}

/**
 * Leaf keys (`db.pool.size`) whose values differ, sorted. Objects are walked; arrays and
 * scalars are values, so a changed list is one key.
 * @example
 * diffKeys({ db: { port: 1 } }, { db: { port: 2 }, debug: true }); // db.port, debug
 */
export function diffKeys(before: unknown, after: unknown): KeyChange[] {
  const old = flatten(before);
  const next = flatten(after);
  const keys = [...new Set([...old.keys(), ...next.keys()])].sort();
  return keys
    .filter((key) => !isDeepStrictEqual(old.get(key), next.get(key)))
    .map((key) => ({ key, oldValue: old.get(key), newValue: next.get(key) }));
}

function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (!isWalkable(value)) {
    if (prefix) into.set(prefix, value);
    return into;
  }
  for (const [name, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${name}` : name, into);
  return into;
}

/** Plain objects with keys; an empty object is a value of its own. */
function isWalkable(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}
