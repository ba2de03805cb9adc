/**
 * Whether a dotted key matches a subscription pattern. `*` stands for one key segment, and a
 * trailing `*` for one or more: `*` matches every key, `db.*` everything under `db`,
 * `db.*.size` the `size` of every entry of `db`, `db.pool.size` only itself.
 * @example
 * matchesKey('db.*', 'db.pool.size'); // true
 */
export function matchesKey(pattern: string, key: string): boolean {
  const wanted = pattern.split('.');
  const segments = key.split('.');
  for (let i = 0; i < wanted.length; i++) {
    const part = wanted[i];
    if (part === '*' && i === wanted.length - 1) return segments.length > i;
    if (i >= segments.length || (part !== '*' && part !== segments[i])) return false;
  }
  return segments.length === wanted.length;
}
