import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validate } from '@hothub/shared';
import * as z from 'zod';
import { contentHash } from '../util/content-hash.js';
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
export async function loadSchemaFiles(dir: string, id: string): Promise<ConfigValidator[]> {
  const validators: ConfigValidator[] = [];
  for (const file of schemaFilesOf(dir, id)) {
    const bytes = await readFile(file).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw new ReloadFailure(`cannot read schema ${file}: ${error instanceof Error ? error.message : String(error)}`, { file });
    });
    if (bytes) validators.push(file.endsWith('.json') ? jsonSchemaValidator(bytes, file) : await zodModuleValidator(bytes, file));
  }
  return validators;
}

async function zodModuleValidator(bytes: Buffer, file: string): Promise<ConfigValidator> {
  let exports: Record<string, unknown>;
  try {
    // The query makes an edited schema a new module; an unchanged one comes from the module cache.
    exports = { ...(await import(`${pathToFileURL(file).href}?v=${contentHash(bytes)}`)) };
  } catch (error) {
    throw new ReloadFailure(`cannot load schema ${file}: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  const validator = moduleValidator(exports.default ?? exports.schema, `config (schema ${file})`);
  if (!validator) throw new ReloadFailure(`${file} must export a zod schema, as its default export or as \`schema\``, { file });
  return validator;
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
    throw new ReloadFailure(`${file} is not a JSON Schema zod can use: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
}
