import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ValidationError } from '@hothub/shared';
import type { ConfigRuntime } from '../config/config-runtime.js';
import { type ConfigSnapshot, freezeSnapshot } from '../config/config-store.js';
import { type ConfigData, type ConfigFormat, parseConfig } from '../config/parse-config.js';
import { SCHEMA_FILE, loadSchemaFiles } from '../config/schema-files.js';
import type { ModuleRuntime } from '../modules/load-module.js';
import { ReloadFailure } from '../util/errors.js';
import type { Dependent, Kind, KindInfo } from '../pipeline/kind.js';

/** `config/<id>.json`, `.yaml` or `.yml`, directly in the folder; `<id>.schema.*` files are schemas, not configs. */
const CONFIG_FILE = /^([^/.][^/]*)\.(json|ya?ml)$/;

export const CONFIG: KindInfo = { name: 'config', defaultDir: 'config' };

/**
 * Configs: parsed, validated against their schema files and the validators the application
 * registered, backed up on disk, swapped in atomically, announced to subscribers by key.
 * A deleted file keeps the last good config serving.
 * Changed keys travel on the run's outcome: the event, the audit and subscribers read them there.
 */
export function configKind(runtime: ConfigRuntime, modules: ModuleRuntime): Kind<ConfigSnapshot> {
  const { store } = runtime;
  return {
    name: CONFIG.name,
    maxBytes: runtime.maxBytes,
    keepWhenDeleted: true,
    idOf: (relPath) => (SCHEMA_FILE.test(relPath) ? undefined : CONFIG_FILE.exec(relPath)?.[1]),
    async load(source, { id, dir }) {
      const format: ConfigFormat = source.relPath.endsWith('.json') ? 'json' : 'yaml';
      let data: unknown = parseConfig(source.bytes, format, source.path);
      const registered = runtime.validators.get(id);
      const validators = [...(await loadSchemaFiles(dir, id, modules)), ...(registered ? [registered] : [])];
      for (const validator of validators) {
        const result = validator(data);
        if (!result.ok) throw schemaFailure(source.relPath, source.path, result.error);
        data = result.value;
      }
      if (!isConfigData(data)) throw new ReloadFailure(`${source.relPath}: its schema must produce an object`, { file: source.path });
      return freezeSnapshot(id, source.version, data);
    },
    backup: (id, current, source) => runtime.backups.save(id, source.version, source.relPath, source.bytes, current.data),
    // Readers (health checks included) see the new version from here; subscribers hear of it once it
    // passed its checks (`after-run.ts`), so a version rolled back is never announced to them.
    apply: (id, next) => store.swap(id, next),
    rollback(id, previous) {
      store.swap(id, previous);
    },
    browserFields(id, _config, _source, changes) {
      const keys = changes.map((change) => change.key);
      if (!runtime.publicIds.has(id)) return { keys };
      const present = changes.filter((change) => change.newValue !== undefined);
      return { keys, values: Object.fromEntries(present.map((c) => [c.key, runtime.redactor.value(c.key, c.newValue)])) };
    },
    dependentsOf(file) {
      const id = SCHEMA_FILE.exec(basename(file))?.[1];
      if (id === undefined || dirname(file) !== runtime.dir) return [];
      return configFilesOf(runtime.dir, id).map((own): Dependent => ({ id, file: own, relPath: basename(own), chain: [file, own] }));
    },
  };
}

/** The config files of `id` that exist (normally one). */
function configFilesOf(dir: string, id: string): string[] {
  return ['json', 'yaml', 'yml'].map((ext) => join(dir, `${id}.${ext}`)).filter((file) => existsSync(file));
}

function schemaFailure(relPath: string, file: string, error: ValidationError): ReloadFailure {
  const listed = error.issues.map((issue) => `${issue.path || '(top level)'}: ${issue.message}`).join('; ');
  return new ReloadFailure(`${relPath} does not match its schema: ${listed}`, { file, issues: error.issues });
}

function isConfigData(value: unknown): value is ConfigData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
