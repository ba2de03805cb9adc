/** Words that make a key look secret unless the hub settings say otherwise (`redactKeys`). */
export const DEFAULT_SECRET_WORDS = ['password', 'secret', 'token', 'key'] as const;

export const REDACTED = '[redacted]';

/**
 * Hides the values of keys that look secret: a key segment any of whose words (split at
 * camelCase, `_` and `-`) is one of `words`, singular or plural. `db.password`, `apiKey`,
 * `SECRET_KEY` and `tokens` are secret; `keyboard` and `monkey` are not.
 * @example
 * new Redactor().value('db.password', 'hunter2'); // '[redacted]'
 */
export class Redactor {
  readonly #words: Set<string>;

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

  #segmentIsSecret(segment: string): boolean {
    const words = segment
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .split(/[\s_-]+/)
      .map((word) => word.toLowerCase());
    return words.some((word) => this.#words.has(word) || (word.endsWith('s') && this.#words.has(word.slice(0, -1))));
  }
}
