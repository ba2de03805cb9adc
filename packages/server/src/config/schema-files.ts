import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { errorMessage, validate } from '@hothub/shared';
import * as z from 'zod';
import { type ModuleRuntime, loadModule } from '../modules/load-module.js';
import { ReloadFailure, errorCode } from '../util/errors.js';
import { type ConfigValidator, moduleValidator, schemaValidator } from './config-validator.js';
import { parseConfig } from './parse-config.js';

/** `<id>.schema.js` (a zod schema: default or `schema` export) and `<id>.schema.json` (JSON Schema). */
export const SCHEMA_FILE = /^([^/]+)\.schema\.(js|json)$/;

/** The schema files of a config, in the order they are applied. */
export function schemaFilesOf(dir: string, id: string): string[] {
  return [join(dir, `${id}.schema.js`), join(dir, `${id}.schema.json`)];
}

/**
 * Loads the validators of config `id` from its folder: none, one or both schema files.
 * A schema file that cannot be loaded fails the reload, naming the schema file.
 */
export async function loadSchemaFiles(dir: string, id: string, modules: ModuleRuntime): Promise<ConfigValidator[]> {
  const validators: ConfigValidator[] = [];
  for (const file of schemaFilesOf(dir, id)) {
    const bytes = await readFile(file).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw new ReloadFailure(`cannot read schema ${file}: ${errorMessage(error)}`, { file });
    });
    if (bytes) validators.push(file.endsWith('.json') ? jsonSchemaValidator(bytes, file) : await zodModuleValidator(file, id, modules));
  }
  return validators;
}

/**
 * A schema module runs like a wizard (bundled, in its own sandbox, bounded in time, unable to exit
 * the process), and so does every validation with it: a refinement is code from the module too.
 */
async function zodModuleValidator(file: string, id: string, modules: ModuleRuntime): Promise<ConfigValidator> {
  const { exports, sandbox } = await loadModule({ path: file, relPath: basename(file) }, { kind: 'config', id }, modules).catch((error: unknown) => {
    throw error instanceof ReloadFailure ? error : new ReloadFailure(`cannot load schema ${file}: ${errorMessage(error)}`, { file });
  });
  const validator = moduleValidator(exports.default ?? exports.schema, `config (schema ${file})`);
  if (!validator) throw new ReloadFailure(`${file} must export a zod schema, as its default export or as \`schema\``, { file });
  return (data) => sandbox.run(`schema ${file} threw`, () => validator(data));
}

const JsonSchemaObject = z.custom<z.core.JSONSchema.JSONSchema>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'a JSON Schema must be an object',
);

function jsonSchemaValidator(bytes: Buffer, file: string): ConfigValidator {
  const document = validate(JsonSchemaObject, parseConfig(bytes, 'json', file), `JSON Schema ${file}`);
  if (!document.ok) throw new ReloadFailure(document.error.message, { file });
  try {
    return schemaValidator(z.fromJSONSchema(document.value), `config (schema ${file})`);
  } catch (error) {
    throw new ReloadFailure(`${file} is not a JSON Schema zod can use: ${errorMessage(error)}`, { file });
  }
}
