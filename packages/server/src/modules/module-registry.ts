import type { KindName, ModuleInfo, ReloadError } from '@hothub/shared';
import type { HubEvent } from '../pipeline/event-log.js';

/**
 * The server-side modules of one kind, as an embedding app reads them.
 * @example
 * const wizard = hub.wizards.get('debug');
 * for (const info of hub.plugins.list()) console.log(info.id, info.status, info.lastError?.message);
 */
export interface Registry<T> {
  /** The serving instance, if any: after a failed reload it is still the previous version. */
  get(id: string): T | undefined;
  /** Version, status, load time, reload count and last error of one module. */
  info(id: string): ModuleInfo | undefined;
  /** Every module the hub knows of, loaded or failed, by id. */
  list(): ModuleInfo[];
}

interface Entry<T> {
  value?: T;
  info: ModuleInfo;
  /** The version before the serving one: what a runtime rollback brings back. */
  replaced?: Pick<ModuleInfo, 'version' | 'loadedAt'>;
}

/** A `Registry` fed by its kind (which instance serves) and by the pipeline's events (versions, errors). */
export class ModuleRegistry<T> implements Registry<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(readonly kind: KindName) {}

  get(id: string): T | undefined {
    return this.#entries.get(id)?.value;
  }

  info(id: string): ModuleInfo | undefined {
    const entry = this.#entries.get(id);
    return entry && { ...entry.info };
  }

  list(): ModuleInfo[] {
    return [...this.#entries.values()].map((e) => ({ ...e.info })).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The kind switched `id` to a new instance. */
  serve(id: string, value: T): void {
    this.#entry(id).value = value;
  }

  /** The kind took `id` out of service (its file was deleted). */
  withdraw(id: string): void {
    const entry = this.#entries.get(id);
    if (entry) delete entry.value;
  }

  /** Drops every trace of `id` (its file was deleted before it ever loaded). */
  forget(id: string): void {
    this.#entries.delete(id);
  }

  /** Follows the pipeline: versions and load times from `reloaded`, errors from `reload_failed`. */
  record(event: HubEvent): void {
    const { payload } = event;
    if (payload.kind !== this.kind) return;
    switch (event.name) {
      case 'reloaded': {
        if (event.payload.removed) return this.forget(payload.id);
        const entry = this.#entry(payload.id);
        const { info } = entry;
        if (info.version !== null) entry.replaced = { version: info.version, loadedAt: info.loadedAt };
        info.reloadCount = info.version === null ? 0 : info.reloadCount + 1;
        Object.assign(info, { version: event.payload.version, loadedAt: payload.ts, status: 'active' });
        return;
      }
      case 'reload_failed':
        if (payload.trigger === 'runtime' && event.payload.rolledBack) this.#restored(payload.id);
        return this.#failed(payload.id, event.payload.error);
      default: {
        const never: never = event;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  }

  /** The serving version threw later and the one before it serves again. */
  #restored(id: string): void {
    const entry = this.#entry(id);
    if (entry.replaced) Object.assign(entry.info, entry.replaced);
    delete entry.replaced;
  }

  #failed(id: string, error: ReloadError): void {
    const entry = this.#entry(id);
    entry.info.lastError = error;
    entry.info.status = entry.value === undefined ? 'failed' : 'stale';
  }

  #entry(id: string): Entry<T> {
    let entry = this.#entries.get(id);
    if (!entry) {
      entry = { info: { id, version: null, status: 'failed', loadedAt: null, reloadCount: 0, lastError: null } };
      this.#entries.set(id, entry);
    }
    return entry;
  }
}
