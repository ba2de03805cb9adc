import { PUBLISH_MAX_BYTES, Topic, validate } from '@hothub/shared';

/** Why the hub did not publish: `status` is what `POST /publish` answers (400, 413). */
export class PublishRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: 'invalid' | 'not_json' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'PublishRefused';
  }
}

/** Deeper data is refused rather than walked: a 16 KB JSON cannot be useful at this depth. */
const MAX_DEPTH = 64;

/**
 * Checks a `hub.publish` / `POST /publish` before it is numbered: a valid topic, data that survives JSON unchanged
 * (no `undefined`, function, symbol, BigInt, non-finite number, cycle, or object that is not plain, like a `Date`),
 * and at most `PUBLISH_MAX_BYTES` of UTF-8 JSON. Throws `PublishRefused`.
 * @example
 * checkPublish('cart', { items: 2 }); // fine
 * checkPublish('cart', () => 1);      // PublishRefused 400 not_json
 */
export function checkPublish(topic: unknown, data: unknown): void {
  const name = validate(Topic, topic, 'topic');
  if (!name.ok) throw new PublishRefused(400, 'invalid', `${name.error.message} (letters, digits and . _ : / -, starting with a letter or digit, up to 100)`);
  const problem = notJson(data, 'data', new Set(), 0);
  if (problem) throw new PublishRefused(400, 'not_json', `${problem}: published data must be a JSON value (send a plain object, array, string, number, boolean or null)`);
  const bytes = Buffer.byteLength(JSON.stringify(data));
  if (bytes > PUBLISH_MAX_BYTES) {
    throw new PublishRefused(413, 'too_large', `data is ${bytes} bytes of JSON, over the ${PUBLISH_MAX_BYTES}-byte limit: publish an id and let pages fetch the rest`);
  }
}

/** Where `value` stops being JSON, or undefined when it is JSON all the way down. */
function notJson(value: unknown, path: string, ancestors: Set<object>, depth: number): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (typeof value !== 'object') return `${path} is ${value === undefined ? 'undefined' : `a ${typeof value}`}`;
  if (depth >= MAX_DEPTH) return `${path} nests deeper than ${MAX_DEPTH} levels`;
  if (ancestors.has(value)) return `${path} refers back to itself (a cycle)`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return `${path} is a ${value.constructor?.name ?? 'non-plain object'}, not a plain object`;
  ancestors.add(value);
  try {
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, i) => [`[${i}]`, item]) : Object.entries(value).map(([key, item]) => [`.${key}`, item]);
    for (const [key, item] of entries) {
      const problem = notJson(item, `${path}${key}`, ancestors, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}
