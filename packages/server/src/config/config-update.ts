import { dump as dumpYaml } from 'js-yaml';
import { join } from 'node:path';
import type { HubEvent } from '../pipeline/event-log.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { RollbackRefused, writeServed } from './config-rollback.js';
import type { ConfigRuntime } from './config-runtime.js';
import { mergePatch } from './merge-patch.js';
import type { ConfigData } from './parse-config.js';

/**
 * Merges `changes` into the serving config `id` (RFC 7396 merge patch) and runs the result through the
 * pipeline (trigger `api`): validated, backed up, applied, health-checked. Once it serves, it is written
 * to the config's file in the file's format (JSON, or YAML: comments and anchors of a YAML file are lost).
 */
export async function updateConfig(runtime: ConfigRuntime, pipeline: Pipeline, id: string, changes: ConfigData): Promise<HubEvent> {
  const current = runtime.store.get(id);
  const source = pipeline.serving.get('config', id)?.source;
  if (!current || !source) throw new RollbackRefused('unknown_config', `no config "${id}" is serving`);
  const merged = mergePatch(current.data, changes);
  const yaml = /\.ya?ml$/i.test(source.relPath);
  const content = Buffer.from(yaml ? dumpYaml(merged) : `${JSON.stringify(merged, null, 2)}\n`);
  const file = join(runtime.dir, source.relPath);
  const outcome = await pipeline.reload({ kind: 'config', id, file, relPath: source.relPath, trigger: 'api', content });
  if (outcome.status !== 'event') throw new Error(`the update of config "${id}" sent no event`);
  if (outcome.event.name === 'reloaded') await writeServed(runtime, file, content);
  return outcome.event;
}
