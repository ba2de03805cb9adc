import type { KindName } from '@hothub/shared';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HubEvent } from '../pipeline/event-log.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Logger } from '../util/log.js';
import type { BackupEntry } from './config-backups.js';
import { pickKept, writeServed } from './config-rollback.js';

/** An artifact to roll back: what serves now, the folder its `relPath` is relative to, where its versions are kept. */
export interface RollbackTarget {
  kind: KindName;
  id: string;
  /** The serving version and its bytes; undefined when nothing serves (its file was deleted). */
  serving: { version: string; bytes: Buffer } | undefined;
  dir: string;
  versions: {
    list(id: string): Promise<BackupEntry[]>;
    read(id: string, entry: BackupEntry): Promise<Buffer>;
  };
  logger: Logger;
}

/**
 * Makes a kept version of an artifact of any kind serve again through the pipeline (trigger `api`:
 * validate → apply → check → commit, announced to pages like a save). The file is written first, since a
 * module kind bundles its entry from disk (esbuild reads the file); if the version is refused, the serving
 * bytes are written back (or the file removed when nothing served). The watcher then sees content the
 * pipeline already tried, and runs nothing. Without `version`, the newest kept version other than the
 * serving one. A refusal (`RollbackRefused`) changes nothing.
 */
export async function rollbackArtifact(target: RollbackTarget, pipeline: Pipeline, version?: string): Promise<HubEvent> {
  const { kind, id } = target;
  const serving = target.serving?.version;
  const entry = pickKept(kind, id, await target.versions.list(id), serving, version);
  const content = await target.versions.read(id, entry);
  const file = join(target.dir, entry.relPath);
  await writeServed(target, file, content);
  const outcome = await pipeline.reload({ kind, id, file, relPath: entry.relPath, dir: target.dir, trigger: 'api', content }).catch((error: unknown) => {
    void putBack(target, file);
    throw error;
  });
  if (outcome.status !== 'event') throw new Error(`the rollback of ${kind} "${id}" sent no event`);
  if (outcome.event.name === 'reload_failed') await putBack(target, file);
  return outcome.event;
}

/** A refused rollback leaves the file as it was: the serving bytes, or no file when nothing served. */
async function putBack(target: RollbackTarget, file: string): Promise<void> {
  if (target.serving) return writeServed(target, file, target.serving.bytes);
  await rm(file, { force: true }).catch((error: unknown) => target.logger.error(`cannot remove ${file} after a refused rollback`, { error: String(error) }));
}
