import { diffKeys, type KeyChange } from '../util/key-diff.js';
import type { ConfigData } from './parse-config.js';

/** One applied version of a config, frozen: what readers get. */
export interface ConfigSnapshot {
  readonly id: string;
  readonly version: string;
  readonly data: Readonly<ConfigData>;
}

/** What subscribers receive for each key a reload changed. */
export interface ConfigChange extends KeyChange {
  /** The config (file name without extension). */
  config: string;
  /** Version now serving; `previousVersion` is the one it replaced. */
  version: string;
  previousVersion?: string;
  /** When the change was applied (ms since the epoch). */
  timestamp: number;
}

/**
 * The serving version of every config. A reload swaps one reference to a frozen snapshot,
 * so a reader sees the whole old config or the whole new one, never a mix.
 */
export class ConfigStore {
  readonly #snapshots = new Map<string, ConfigSnapshot>();

  get(id: string): ConfigSnapshot | undefined {
    return this.#snapshots.get(id);
  }

  ids(): string[] {
    return [...this.#snapshots.keys()].sort();
  }

  /** Makes `next` serve (or nothing, when undefined) and returns the keys that changed. */
  swap(id: string, next: ConfigSnapshot | undefined): ConfigChange[] {
    const previous = this.#snapshots.get(id);
    if (next) this.#snapshots.set(id, next);
    else this.#snapshots.delete(id);
    const timestamp = Date.now();
    return diffKeys(previous?.data, next?.data).map((change) => ({
      ...change,
      config: id,
      version: next?.version ?? '',
      ...(previous ? { previousVersion: previous.version } : {}),
      timestamp,
    }));
  }
}

/** A snapshot whose data no reader can change. */
export function freezeSnapshot(id: string, version: string, data: ConfigData): ConfigSnapshot {
  return Object.freeze({ id, version, data: deepFreeze(data) });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
