import { errorMessage, type KindName } from '@hothub/shared';
import { join } from 'node:path';
import type { HubEvent } from '../pipeline/event-log.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { writeAtomic } from '../util/write-atomic.js';
import { BackupLocked } from './backup-cipher.js';
import type { BackupEntry } from './config-backups.js';
import type { ConfigRuntime } from './config-runtime.js';

export type RollbackRefusal = 'unknown_config' | 'unknown_version' | 'no_previous_version' | 'already_active' | 'backup_locked';

/** A rollback that cannot start: nothing changed. */
export class RollbackRefused extends Error {
  constructor(
    readonly reason: RollbackRefusal,
    message: string,
    /** The versions that are backed up, newest first. */
    readonly versions: string[] = [],
  ) {
    super(message);
    this.name = 'RollbackRefused';
  }
}

/**
 * Makes a backed-up version of a config serve again, through the pipeline (trigger `api`):
 * validated, backed up, applied, health-checked and announced like a save. Once it serves, it is
 * written to the config file, so the file and the serving config agree and the next edit starts from it
 * (the watcher then sees content the pipeline already tried, and runs nothing).
 * Without `version`, the newest backup other than the serving version: the one before it.
 */
export async function rollbackConfig(runtime: ConfigRuntime, pipeline: Pipeline, id: string, version?: string): Promise<HubEvent> {
  const current = runtime.store.get(id);
  if (!current) throw new RollbackRefused('unknown_config', `no config "${id}" is serving`);
  const entries = await runtime.backups.list(id);
  const versions = entries.map((entry) => entry.version);
  const entry = pickKept('config', id, entries, current.version, version);
  const content = await runtime.backups.read(id, entry).catch((error: unknown) => {
    throw error instanceof BackupLocked ? new RollbackRefused('backup_locked', error.message, versions) : error;
  });
  const file = join(runtime.dir, entry.relPath);
  const outcome = await pipeline.reload({ kind: 'config', id, file, relPath: entry.relPath, trigger: 'api', content });
  if (outcome.status !== 'event') throw new Error(`the rollback of config "${id}" sent no event`);
  if (outcome.event.name === 'reloaded') await writeServed(runtime, file, content);
  return outcome.event;
}

/**
 * The kept version a rollback restores: `version`, or without it the newest one other than the serving one.
 * Refuses (`RollbackRefused`, nothing changed) a version that serves already or is not kept, or no earlier one.
 */
export function pickKept(kind: KindName, id: string, entries: readonly BackupEntry[], serving: string | undefined, version: string | undefined): BackupEntry {
  const versions = entries.map((entry) => entry.version);
  if (version !== undefined && version === serving) throw new RollbackRefused('already_active', `version ${version} of ${kind} "${id}" is already serving`, versions);
  const entry = entries.find((e) => (version === undefined ? e.version !== serving : e.version === version));
  if (!entry && version !== undefined) {
    throw new RollbackRefused('unknown_version', `version ${version} of ${kind} "${id}" is not kept: GET /rollback/${kind}/${id} lists the kept ones`, versions);
  }
  if (!entry) throw new RollbackRefused('no_previous_version', `${kind} "${id}" has no earlier version to roll back to`, versions);
  return entry;
}

/** Writes the version that now serves to its file, so the file and the serving config agree; a failure is logged. */
export async function writeServed(runtime: Pick<ConfigRuntime, 'logger'>, file: string, content: Buffer): Promise<void> {
  try {
    await writeAtomic(file, content);
  } catch (error) {
    runtime.logger.error(`cannot write the serving version to ${file}: the next save of it starts from what the file holds`, {
      error: errorMessage(error),
    });
  }
}
