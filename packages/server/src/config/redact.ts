/** Words that make a key look secret unless the hub settings say otherwise (`redactKeys`). */
export const DEFAULT_SECRET_WORDS = ['password', 'secret', 'token', 'key'] as const;

export const REDACTED = '[redacted]';

/** How many key names a redactor remembers the answer for. */
const KNOWN_SEGMENTS = 10_000;

/**
 * Hides the values of keys that look secret: a key segment any of whose words (split at
 * camelCase, `_` and `-`) is one of `words`, singular or plural. `db.password`, `apiKey`,
 * `SECRET_KEY` and `tokens` are secret; `keyboard` and `monkey` are not.
 * @example
 * new Redactor().value('db.password', 'hunter2'); // '[redacted]'
 */
export class Redactor {
  readonly #words: Set<string>;
  readonly #known = new Map<string, boolean>();

  constructor(words: readonly string[] = DEFAULT_SECRET_WORDS) {
    this.#words = new Set(words.map((word) => word.toLowerCase()));
  }

  /** True when any segment of the dotted key looks secret. */
  isSecret(key: string): boolean {
    return key.split('.').some((segment) => this.#segmentIsSecret(segment));
  }

  /** The value to show for a key: redacted when the key looks secret, else with secret-looking fields inside redacted. */
  value(key: string, value: unknown): unknown {
    if (value === undefined) return undefined;
    return this.isSecret(key) ? REDACTED : this.#deep(value);
  }

  #deep(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.#deep(item));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([name, child]) => [name, this.#segmentIsSecret(name) ? REDACTED : this.#deep(child)]),
    );
  }

  /**
   * The dotted path of the first key inside `value` that looks secret, or undefined: one walk that stops at
   * the first hit (a config's backup is encrypted when it holds one).
   * @example
   * new Redactor().firstSecretKey({ db: { password: 'x' } }); // 'db.password'
   */
  firstSecretKey(value: unknown, prefix = ''): string | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    for (const [name, child] of Object.entries(value)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (!Array.isArray(value) && this.#segmentIsSecret(name)) return key;
      const inside = this.firstSecretKey(child, key);
      if (inside !== undefined) return inside;
    }
    return undefined;
  }

  #segmentIsSecret(segment: string): boolean {
    // Configs repeat their key names on every save: remember each answer (bounded, a config's keys are few).
    const known = this.#known.get(segment);
    if (known !== undefined) return known;
    if (this.#known.size >= KNOWN_SEGMENTS) this.#known.clear();
    const secret = this.#looksSecret(segment);
    this.#known.set(segment, secret);
    return secret;
  }

  #looksSecret(segment: string): boolean {
    const words = segment
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .split(/[\s_-]+/)
      .map((word) => word.toLowerCase());
    return words.some((word) => this.#words.has(word) || (word.endsWith('s') && this.#words.has(word.slice(0, -1))));
  }
}
