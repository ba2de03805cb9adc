import { type Cause, errorMessage, type KindName, type ReloadError, type Trigger } from '@hothub/shared';
import { sep } from 'node:path';
import type { AnyKind, SourceFile } from './kind.js';
import { contentHash } from '../util/content-hash.js';
import { errorCode, ReloadFailure, toReloadError } from '../util/errors.js';
import { escapesFolder } from '../util/inside-folder.js';
import type { Logger } from '../util/log.js';
import { rootRelative } from '../util/root-relative.js';
import { readSettled } from '../util/read-settled.js';
import { hop } from '../util/hop-trace.js';
import type { EventLog, HubEvent } from './event-log.js';
import { HealthChecks } from './health-checks.js';
import { KeyedQueue } from './keyed-queue.js';
import { PhaseClock } from './phase-clock.js';
import type { AfterRun, AppliedVersion, ReloadOutcome, RunEvent } from './reload-outcome.js';
import { type ActiveArtifact, Serving, servingKey as key } from './serving.js';

export type { ReloadOutcome } from './reload-outcome.js';


export interface ReloadRequest {
  kind: KindName;
  id: string;
  file: string;
  relPath: string;
  /** The folder `relPath` is relative to: a watch rule's static part; default the kind's folder. */
  dir?: string;
  trigger: Trigger;
  /** The file saved; with a `chain` when it is another file the artifact imports (the run then skips the same-content check). */
  cause?: Cause;
  /**
   * Bytes to use instead of reading `file`, when an API supplies them: a kept version being restored
   * (`config/artifact-rollback.ts`, `config/config-rollback.ts`) or a config merged with a patch
   * (`config/config-update.ts`). It stays in the request, not in a config-only path, because three sources
   * use it: a config's bytes are checked before they reach disk (a refused one never overwrites its file),
   * and a rollback, which writes the file first (module kinds bundle from disk), runs exactly the kept
   * version, not whatever is on disk by then. Writing them to the file is the caller's.
   */
  content?: Buffer;
  /** The event another hub of the cluster numbered for this change: the run's own event takes its `seq` and `ts`. */
  numbered?: HubEvent;
  /** Who asked for the run and why (`POST /reload`, the webhook): copied into its event. */
  origin?: RunOrigin;
}

/** `triggeredBy` and `reason` of a run an API or webhook caller started. */
export interface RunOrigin {
  triggeredBy?: string | undefined;
  reason?: string | undefined;
}

export interface PipelineOptions {
  kinds: ReadonlyMap<KindName, AnyKind>;
  /** Numbers every event a run sends. */
  log: EventLog;
  logger: Logger;
  /** The consumers of every outcome that sent an event (`after-run.ts`). */
  after: AfterRun;
  /** The hub's root: paths in events are relative to it. */
  root: string;
  /** Each kind's folder (absolute), for the steps' context. */
  dirs: ReadonlyMap<KindName, string>;
  healthChecks?: HealthChecks;
  /** What serves now; the pipeline is its only writer. */
  serving?: Serving;
}

/** Who numbers a run's event: the hub's `EventLog`, or the number another hub of the cluster gave the change. */
type Numbering = Pick<EventLog, 'reloaded' | 'failed'>;

/**
 * detect → validate → back up → apply → health-check → commit or roll back → number the event,
 * one run at a time per artifact. Knows no kind: each step calls the artifact's `Kind`.
 * Every run returns its outcome; one that sent an event is handed to `after` (the ordered consumers
 * of `after-run.ts`) before the artifact's next run starts.
 */
export class Pipeline {
  readonly #queue = new KeyedQueue();
  /** The version each serving one replaced, kept to come back to if the serving one fails later (`restore`). */
  readonly #replaced = new Map<string, ActiveArtifact>();
  /**
   * What the last run of each artifact tried: its file and the content's version, or the reason it could not
   * be read. A broken or unreadable file is reported once per cause, not on every re-check.
   */
  readonly #attempted = new Map<string, string>();

  /** Run after every apply; a failure rolls the new version back. */
  readonly healthChecks: HealthChecks;
  private readonly kinds: ReadonlyMap<KindName, AnyKind>;
  private readonly log: EventLog;
  private readonly logger: Logger;
  private readonly after: AfterRun;
  readonly #root: string;
  readonly #dirs: ReadonlyMap<KindName, string>;
  /** What serves now, written by this pipeline only; everything else reads it. */
  readonly serving: Serving;

  constructor(options: PipelineOptions) {
    this.kinds = options.kinds;
    this.log = options.log;
    this.logger = options.logger;
    this.after = options.after;
    this.#root = options.root;
    this.#dirs = options.dirs;
    this.healthChecks = options.healthChecks ?? new HealthChecks();
    this.serving = options.serving ?? new Serving();
  }

  /** Reads the file and runs the whole pipeline for it. A `file` trigger skips content already tried. */
  reload(request: ReloadRequest): Promise<ReloadOutcome> {
    return this.#queue.run(key(request.kind, request.id), () => this.#run(request));
  }

  /** The artifact's file is gone: make it inactive and report it as `reloaded` with `removed: true`. */
  remove(kind: KindName, id: string, trigger: Trigger = 'file', numbered?: HubEvent): Promise<ReloadOutcome> {
    return this.#remove(kind, id, trigger, numbered);
  }

  /**
   * The serving `version` of an artifact failed after its commit (its module threw from a timer or a
   * promise): bring back the version it replaced (apply, check, commit) and send `reload_failed` with
   * `trigger: 'runtime'`. Unchanged when `version` no longer serves. With no version to go back to, the
   * failed one keeps serving and the event says `rolledBack: false`. `reason` says what gave it away (`errors`, `health:<check>`).
   */
  restore(kind: KindName, id: string, version: string, error: ReloadError, reason?: string): Promise<ReloadOutcome> {
    const target = key(kind, id);
    return this.#queue.run(target, async (): Promise<ReloadOutcome> => {
      const failed = this.serving.get(kind, id);
      if (failed?.source.version !== version) return { status: 'unchanged' };
      const previous = this.#replaced.get(target);
      const rolledBack = previous !== undefined && (await this.#bringBack(this.#kind(kind), previous, failed));
      return this.#send(this.log.failed({ kind, id, trigger: 'runtime', error: this.#onWire(error), rolledBack, ...(reason ? { reason } : {}) }), { relPath: failed.source.relPath });
    });
  }

  /**
   * Runs the kind's `check` step again on the serving `version` (probation: a plugin's `getStatus()`), in the
   * artifact's queue like every run: a save of the same artifact waits for it, so the check never sees a
   * version the save is replacing or cleaning up. False when that version no longer serves or its kind has
   * no check step; rejects with the check's error.
   */
  recheck(kind: KindName, id: string, version: string): Promise<boolean> {
    return this.#queue.run(key(kind, id), async () => {
      const steps = this.#kind(kind);
      const serving = this.serving.get(kind, id);
      if (!steps.check || serving?.source.version !== version) return false;
      await steps.check(id, serving.artifact);
      return true;
    });
  }

  async #bringBack(kind: AnyKind, previous: ActiveArtifact, failed: ActiveArtifact): Promise<boolean> {
    const target = key(previous.kind, previous.id);
    try {
      await kind.apply?.(previous.id, previous.artifact, failed.artifact);
      await kind.check?.(previous.id, previous.artifact);
    } catch (error) {
      this.logger.error(`${target} failed, and so did the version before it: the failed one keeps serving`, { error: toReloadError(error).message });
      await this.#rollback(kind, previous.id, failed, previous.artifact);
      return false;
    }
    this.serving.set({ ...previous, loadedAt: Date.now(), reloadCount: failed.reloadCount + 1 });
    this.#replaced.delete(target);
    await this.#commit(kind, previous.id, previous.artifact, failed);
    return true;
  }

  #remove(kind: KindName, id: string, trigger: Trigger, numbered: HubEvent | undefined): Promise<ReloadOutcome> {
    const target = key(kind, id);
    return this.#queue.run(target, async (): Promise<ReloadOutcome> => {
      const started = performance.now();
      const current = this.serving.get(kind, id);
      if (current && this.#kind(kind).keepWhenDeleted) {
        this.logger.warn(`the file of ${target} is gone; its last good version keeps serving`, { version: current.source.version });
        return { status: 'unchanged' };
      }
      this.#attempted.delete(target);
      if (!current) return { status: 'unchanged' };
      await this.#kind(kind).remove?.(id, current.artifact);
      this.serving.delete(kind, id);
      this.#replaced.delete(target);
      const durationMs = elapsed(started);
      return this.#send(this.#numbering(numbered).reloaded({ kind, id, version: current.source.version, trigger, durationMs, removed: true }), {
        relPath: current.source.relPath,
        ...(numbered ? { followed: true } : {}),
      });
    });
  }

  /**
   * Refuses a file without reading it (another file already defines its artifact): `reload_failed` with
   * `error`, and what serves is unchanged.
   */
  refuse(request: Omit<ReloadRequest, 'content' | 'numbered'>, error: ReloadError): Promise<ReloadOutcome> {
    const { kind, id, trigger, cause, relPath } = request;
    return this.#queue.run(key(kind, id), async () =>
      this.#send(this.log.failed({ kind, id, trigger, error: this.#onWire(error), rolledBack: false, ...(cause ? { cause } : {}) }), { relPath }),
    );
  }

  /** Resolves when no run is in progress. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** The hub stops: once no run is in progress, every serving artifact stops serving and its kind disposes of it; failures are logged. */
  async dispose(): Promise<void> {
    await this.idle();
    await Promise.allSettled(
      this.serving.list().map(async ({ kind, id, artifact }) => {
        // Nothing serves once the hub stopped: `hub.plugins.get()` no longer hands out a cleaned-up plugin.
        this.serving.delete(kind, id);
        try {
          await this.#kind(kind).dispose?.(id, artifact);
        } catch (error) {
          this.logger.error(`dispose of ${key(kind, id)} failed`, { error: errorMessage(error) });
        }
      }),
    );
  }

  async #run(request: ReloadRequest): Promise<ReloadOutcome> {
    const { kind: kindName, id, file, trigger, cause, numbered } = request;
    const origin = request.origin ?? {};
    const numbering = this.#numbering(numbered);
    const followed = numbered ? { followed: true as const } : {};
    const started = performance.now();
    const phases = new PhaseClock(started);
    const target = key(kindName, id);
    const kind = this.#kind(kindName);
    const fail = (error: ReloadError, rolledBack: boolean, applied?: AppliedVersion): ReloadOutcome =>
      this.#send(numbering.failed({ kind: kindName, id, trigger, error: this.#onWire(error), rolledBack, durationMs: elapsed(started), ...(cause ? { cause } : {}), ...origin, phases: phases.spent }), {
        relPath: request.relPath,
        ...followed,
        ...(applied ? { applied } : {}),
      });

    // A periodic refresh polls for changes: like a save, it skips content (or a read failure) already tried.
    const skipsTried = (trigger === 'file' || trigger === 'periodic') && !cause?.chain;
    const tried = (what: string): boolean => {
      const attempt = `${file}\0${what}`;
      const seen = skipsTried && this.#attempted.get(target) === attempt;
      this.#attempted.set(target, attempt);
      return seen;
    };
    let source: SourceFile;
    try {
      const bytes = request.content ?? (await this.#read(file, kind, this.#dirOf(request)));
      hop?.('settled read');
      source = { path: file, relPath: request.relPath, bytes, version: contentHash(bytes) };
      hop?.('hash');
      phases.lap('read');
    } catch (error) {
      phases.lap('read');
      if (errorCode(error) === 'ENOENT') return { status: 'missing' };
      const reason = toReloadError(error, file);
      return tried(`error: ${reason.message}`) ? { status: 'unchanged' } : fail(reason, false);
    }
    if (tried(source.version)) return { status: 'unchanged' };

    let artifact: unknown;
    try {
      artifact = await kind.load(source, { id, dir: this.#dirOf(request) });
      hop?.('kind load');
      phases.lap('validate');
    } catch (error) {
      phases.lap('validate');
      return fail(toReloadError(error, file), false);
    }
    if (kind.versionOf) source = { ...source, version: kind.versionOf(artifact) };

    const previous = this.serving.get(kindName, id);
    try {
      if (previous) await kind.backup?.(id, previous.artifact, previous.source);
      phases.lap('backup');
    } catch (error) {
      phases.lap('backup');
      return fail(toReloadError(error, file), false);
    }
    let applied: AppliedVersion | undefined;
    try {
      const changes = (await kind.apply?.(id, artifact, previous?.artifact)) ?? [];
      applied = { version: source.version, ...(previous ? { previousVersion: previous.source.version } : {}), changes };
      phases.lap('apply');
      await kind.check?.(id, artifact);
      await this.healthChecks.assertHealthy({ kind: kindName, id, version: source.version });
      phases.lap('check');
    } catch (error) {
      phases.lap(applied ? 'check' : 'apply');
      await this.#rollback(kind, id, previous, artifact);
      phases.lap('rollback');
      return fail(toReloadError(error, file), true, applied);
    }

    const active: ActiveArtifact = {
      kind: kindName,
      id,
      artifact,
      source,
      loadedAt: Date.now(),
      reloadCount: previous ? previous.reloadCount + 1 : 0,
      ...(kind.served ? { served: kind.served(artifact) } : {}),
    };
    this.serving.set(active);
    if (previous) this.#replaced.set(target, previous);
    await this.#commit(kind, id, artifact, previous);
    phases.lap('commit');
    hop?.('apply, check, commit');
    return this.#send(
      numbering.reloaded({
        kind: kindName,
        id,
        version: source.version,
        trigger,
        durationMs: elapsed(started),
        ...(cause ? { cause } : {}),
        ...origin,
        phases: phases.spent,
        ...kind.browserFields?.(id, artifact, source, applied.changes),
      }),
      { relPath: request.relPath, applied, ...followed },
    );
  }

  /**
   * The file's bytes once its writer is done. A symlink whose target is outside the kind's folder is refused:
   * its bytes would reach events, history and `.hothub/` (HTTP refuses to serve it too).
   */
  async #read(file: string, kind: AnyKind, dir: string): Promise<Buffer> {
    if (await escapesFolder(dir, file)) {
      throw new ReloadFailure(`${file} is a link to a file outside ${dir}: move the file into the folder instead of linking to it`, { file });
    }
    return readSettled(file, kind.maxBytes);
  }

  #dirOf(request: Pick<ReloadRequest, 'kind' | 'dir'>): string {
    return request.dir ?? this.#dirs.get(request.kind) ?? this.#root;
  }

  async #rollback(kind: AnyKind, id: string, previous: ActiveArtifact | undefined, failed: unknown): Promise<void> {
    try {
      await kind.rollback?.(id, previous?.artifact, failed);
    } catch (error) {
      this.logger.error(`rollback of ${kind.name}/${id} failed`, { error: errorMessage(error) });
    }
  }

  async #commit(kind: AnyKind, id: string, next: unknown, previous: ActiveArtifact | undefined): Promise<void> {
    try {
      await kind.commit?.(id, next, previous?.artifact);
    } catch (error) {
      this.logger.error(`commit of ${kind.name}/${id} failed`, { error: errorMessage(error) });
    }
  }

  /**
   * The hub's own numbering, or, for a change another hub of the cluster numbered, that hub's `seq` and
   * `ts` on this hub's own payload (its own duration, its own outcome), recorded in the log as followed.
   */
  #numbering(numbered: HubEvent | undefined): Numbering {
    if (!numbered) return this.log;
    const { seq, ts } = numbered.payload;
    const adopt = (event: HubEvent): HubEvent => {
      this.log.record(event);
      return event;
    };
    return {
      reloaded: (input) => adopt({ name: 'reloaded', payload: { ...input, seq, ts } }),
      failed: (input) => adopt({ name: 'reload_failed', payload: { ...input, seq, ts } }),
    };
  }

  /**
   * Paths in events are relative to the hub's root, as `cause.file` is (docs/architecture.md, "Paths in
   * events"): what a toast and a log line want, and the disk's layout stays off the wire.
   */
  #onWire(error: ReloadError): ReloadError {
    const { file, message } = error;
    return { ...error, message: message.replaceAll(this.#root + sep, ''), ...(file ? { file: rootRelative(this.#root, file) } : {}) };
  }

  #send(event: HubEvent, details: Omit<RunEvent, 'status' | 'event'> = {}): RunEvent {
    const outcome: RunEvent = { status: 'event', event, ...details };
    this.after(outcome);
    return outcome;
  }

  #kind(name: KindName): AnyKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`no kind ${name} is registered`);
    return kind;
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
