import { errorMessage, type KindName } from '@hothub/shared';
import { join } from 'node:path';
import { rollbackArtifact } from '../config/artifact-rollback.js';
import { type BackupEntry, ConfigBackups } from '../config/config-backups.js';
import { RollbackRefused } from '../config/config-rollback.js';
import type { HubEvent } from '../pipeline/event-log.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { KeyedQueue } from '../pipeline/keyed-queue.js';
import type { RunEvent } from '../pipeline/reload-outcome.js';
import { servingKey, type Serving } from '../pipeline/serving.js';
import type { Logger } from '../util/log.js';

/** Where a kind's versions are read from: configs bring their own backups (`config/config-runtime.ts`). */
export type VersionSource = Pick<ConfigBackups, 'list' | 'read'>;

export interface KindVersionsOptions {
  /** `<root>/.hothub/backups`. */
  dir: string;
  /** Versions kept per kind (the `versions` setting); a kind missing or 0 keeps none. */
  keep: Partial<Record<KindName, number>>;
  /** Each kind's folder: where a version whose artifact no longer serves is written back. */
  dirs: ReadonlyMap<KindName, string>;
  serving: Pick<Serving, 'get'>;
  /** Kinds whose versions are kept elsewhere, by their own `backup` step: configs. */
  kept: ReadonlyMap<KindName, VersionSource>;
  /** Kinds whose versions an operator reads another way than their bytes: configs, secret-looking values redacted. */
  shownAs?: ReadonlyMap<KindName, (bytes: Buffer, relPath: string) => string>;
  logger: Logger;
}

/** One version's bytes (undefined past the caller's cap), where they came from and whether it serves. */
export interface KeptVersion {
  relPath: string;
  size: number;
  serving: boolean;
  bytes: Buffer | undefined;
}

/**
 * The last versions of every artifact on disk (`.hothub/backups/<kind>/<id>/`): each version a run commits is
 * stored after pages were sent (a consumer in `after-run.ts`), one write at a time per artifact, off the run's
 * path. A module kind's version is its entry file's bytes: what it imports is not kept with it.
 */
export class KindVersions {
  readonly #stores = new Map<KindName, ConfigBackups>();
  readonly #writes = new KeyedQueue();
  readonly #options: KindVersionsOptions;

  constructor(options: KindVersionsOptions) {
    this.#options = options;
    for (const [kind, keep] of Object.entries(options.keep) as Array<[KindName, number]>) {
      if (keep > 0 && !options.kept.has(kind)) this.#stores.set(kind, new ConfigBackups(join(options.dir, kind), keep, options.logger, kind));
    }
  }

  /** Stores the version a `reloaded` event says now serves; returns at once, the write follows. */
  store({ event }: RunEvent): void {
    if (event.name !== 'reloaded' || event.payload.removed) return;
    const { kind, id, version, trigger } = event.payload;
    const store = this.#stores.get(kind);
    // Read now: the artifact's next run waits for this consumer, so what serves is this event's version.
    const active = this.#options.serving.get(kind, id);
    if (!store || active?.source.version !== version) return;
    const { relPath, bytes } = active.source;
    void this.#writes.run(servingKey(kind, id), () => store.save(id, version, relPath, bytes, trigger));
  }

  /** Kept versions of an artifact, newest first; undefined for a kind that keeps none. */
  async list(kind: KindName, id: string): Promise<BackupEntry[] | undefined> {
    const source = this.#source(kind);
    if (!source) return undefined;
    await this.#writes.idle();
    return source.list(id);
  }

  /**
   * A version's bytes: the serving one's, or a kept one's read from disk when its size is at most `maxBytes`;
   * undefined when the version neither serves nor is kept. A config's encrypted backup without its key throws
   * `BackupLocked` (`config/backup-cipher.ts`).
   */
  async read(kind: KindName, id: string, version: string, maxBytes: number): Promise<KeptVersion | undefined> {
    const active = this.#options.serving.get(kind, id);
    if (active?.source.version === version) {
      const { relPath, bytes } = active.source;
      return { relPath, size: bytes.length, serving: true, bytes: bytes.length <= maxBytes ? bytes : undefined };
    }
    const entry = (await this.list(kind, id))?.find((e) => e.version === version);
    const source = this.#source(kind);
    if (!entry || !source) return undefined;
    const bytes = entry.size <= maxBytes ? await source.read(id, entry) : undefined;
    return { relPath: entry.relPath, size: entry.size, serving: false, bytes };
  }

  /** How an operator reads a kind's versions when not as their bytes (configs: redacted). */
  shownAs(kind: KindName): ((bytes: Buffer, relPath: string) => string) | undefined {
    return this.#options.shownAs?.get(kind);
  }

  /** Makes a kept version serve again (default: the one before the serving one); `RollbackRefused` changes nothing. */
  async rollback(pipeline: Pipeline, kind: KindName, id: string, version?: string): Promise<HubEvent> {
    const versions = this.#source(kind);
    if (!versions) throw new RollbackRefused('no_previous_version', `no versions of ${kind}s are kept: set versions.${kind} above 0 in the config file`);
    await this.#writes.idle();
    const active = this.#options.serving.get(kind, id);
    const dir = active ? folderOf(active.source.path, active.source.relPath) : this.#options.dirs.get(kind);
    if (dir === undefined) throw new Error(`no folder is known for ${kind}s`);
    return rollbackArtifact({ kind, id, serving: active?.source, dir, versions, logger: this.#options.logger }, pipeline, version);
  }

  /** Whether the artifact serves or has kept versions: anything else is unknown to the hub. */
  async known(kind: KindName, id: string): Promise<boolean> {
    return this.#options.serving.get(kind, id) !== undefined || ((await this.list(kind, id))?.length ?? 0) > 0;
  }

  /** Resolves once every pending write is on disk. */
  idle(): Promise<void> {
    return this.#writes.idle().catch((error: unknown) => this.#options.logger.error('a version write failed', { error: errorMessage(error) }));
  }

  #source(kind: KindName): VersionSource | undefined {
    return this.#options.kept.get(kind) ?? this.#stores.get(kind);
  }
}

/** The folder a file's `relPath` is relative to (a watch rule's base, or the kind's folder). */
function folderOf(path: string, relPath: string): string {
  return path.slice(0, path.length - relPath.length - 1);
}
