import type { KindName, ModuleInfo, ReloadError } from '@hothub/shared';
import type { HubEvent } from '../pipeline/event-log.js';
import type { Serving } from '../pipeline/serving.js';

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

interface Failure {
  error: ReloadError;
  /** No version loaded since this failure: the module is `stale` (an older one serves) or `failed` (none does). */
  current: boolean;
}

/**
 * A `Registry` read from what serves (`Serving`, written by the pipeline only): instance, version, load
 * time and reload count. It keeps only what serving state does not: each module's last failure,
 * recorded from the pipeline's outcomes (a consumer in `after-run.ts`).
 */
export class ModuleRegistry implements Registry<object> {
  readonly #failures = new Map<string, Failure>();

  constructor(
    readonly kind: KindName,
    private readonly serving: Pick<Serving, 'get' | 'list'>,
  ) {}

  /** The `instance` of the serving artifact: the registered wizard, the plugin object. */
  get(id: string): object | undefined {
    const artifact = this.serving.get(this.kind, id)?.artifact;
    if (typeof artifact !== 'object' || artifact === null || !('instance' in artifact)) return undefined;
    return typeof artifact.instance === 'object' && artifact.instance !== null ? artifact.instance : undefined;
  }

  info(id: string): ModuleInfo | undefined {
    const active = this.serving.get(this.kind, id);
    const failure = this.#failures.get(id);
    if (!active && !failure) return undefined;
    return {
      id,
      version: active?.source.version ?? null,
      status: !active ? 'failed' : failure?.current ? 'stale' : 'active',
      loadedAt: active?.loadedAt ?? null,
      reloadCount: active?.reloadCount ?? 0,
      lastError: failure?.error ?? null,
    };
  }

  list(): ModuleInfo[] {
    const ids = new Set([...this.serving.list(this.kind).map((a) => a.id), ...this.#failures.keys()]);
    return [...ids].flatMap((id) => this.info(id) ?? []).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Drops the failure of a module whose file was deleted before any version of it served. */
  forget(id: string): void {
    this.#failures.delete(id);
  }

  /** Follows the pipeline's events: failures from `reload_failed`, a new version or a removal from `reloaded`. */
  record(event: HubEvent): void {
    const { payload } = event;
    if (payload.kind !== this.kind) return;
    switch (event.name) {
      case 'reloaded': {
        if (event.payload.removed) return this.forget(payload.id);
        const failure = this.#failures.get(payload.id);
        if (failure) failure.current = false;
        return;
      }
      case 'reload_failed':
        this.#failures.set(payload.id, { error: event.payload.error, current: true });
        return;
      default: {
        const never: never = event;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  }
}
