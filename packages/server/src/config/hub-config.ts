import type { Schema } from '@hothub/shared';
import type { HubEvent } from '../pipeline/event-log.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { BackupEntry } from './config-backups.js';
import { rollbackConfig } from './config-rollback.js';
import { updateConfig } from './config-update.js';
import type { ConfigRuntime } from './config-runtime.js';
import type { ConfigChangeHandler, SubscribeOptions } from './config-subscriptions.js';
import { schemaValidator } from './config-validator.js';
import type { ConfigData } from './parse-config.js';

/**
 * The configs a hub serves, as an embedding application reads them: `hub.config`.
 * @example
 * const size = hub.config.get('app', 'db.pool.size');
 * hub.config.subscribe('db.*', (change) => pool.resize(change.newValue), { config: 'app' });
 * hub.config.registerValidator('app', z.object({ port: z.number().int() }));
 */
export class HubConfig {
  readonly #runtime: ConfigRuntime;
  readonly #pipeline: Pipeline;

  constructor(runtime: ConfigRuntime, pipeline: Pipeline) {
    this.#runtime = runtime;
    this.#pipeline = pipeline;
  }

  /** The serving config (frozen), or one key of it (`db.pool.size`); undefined when absent. */
  get(id: string): Readonly<ConfigData> | undefined;
  get(id: string, key: string): unknown;
  get(id: string, key?: string): unknown {
    const data = this.#runtime.store.get(id)?.data;
    if (key === undefined || data === undefined) return data;
    let node: unknown = data;
    for (const segment of key.split('.')) {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
      node = Object.getOwnPropertyDescriptor(node, segment)?.value;
    }
    return node;
  }

  /** Version (content hash) of the serving config. */
  version(id: string): string | undefined {
    return this.#runtime.store.get(id)?.version;
  }

  /** Ids of the configs serving. */
  ids(): string[] {
    return this.#runtime.store.ids();
  }

  /**
   * Calls `handler` for each changed key matching `pattern`: `*` (every key), `db.*` (under `db`),
   * `db.pool.size` (one key). Returns a function that unsubscribes.
   */
  subscribe(pattern: string, handler: ConfigChangeHandler, options?: SubscribeOptions): () => void {
    return this.#runtime.subscriptions.subscribe(pattern, handler, options);
  }

  /**
   * Validates every later version of config `id` with a zod schema, after its schema files;
   * the schema's output (defaults filled in) is what serves. Returns a function that removes it.
   */
  registerValidator(id: string, schema: Schema): () => void {
    const validator = schemaValidator(schema, `config ${id}`);
    this.#runtime.validators.set(id, validator);
    return () => {
      if (this.#runtime.validators.get(id) === validator) this.#runtime.validators.delete(id);
    };
  }

  /** Backed-up versions of a config on disk, newest first. */
  versions(id: string): Promise<BackupEntry[]> {
    return this.#runtime.backups.list(id);
  }

  /** Makes a backed-up version serve again (default: the previous one); see `POST /rollback`. */
  rollback(id: string, version?: string): Promise<HubEvent> {
    return rollbackConfig(this.#runtime, this.#pipeline, id, version);
  }

  /**
   * Merges `changes` into config `id` (JSON merge patch, RFC 7396: `null` removes a key) through the
   * pipeline (validate → back up → apply → check), then writes the file; see `PATCH /config/:id`.
   * Resolves with `reloaded`, or `reload_failed` when the result is refused (the serving one stays).
   * @example
   * await hub.config.update('app', { db: { pool: { size: 20 } }, legacyFlag: null });
   */
  update(id: string, changes: ConfigData): Promise<HubEvent> {
    return updateConfig(this.#runtime, this.#pipeline, id, changes);
  }

  /** Resolves once every audit line so far is written. */
  auditFlushed(): Promise<void> {
    return this.#runtime.audit.flushed();
  }
}
