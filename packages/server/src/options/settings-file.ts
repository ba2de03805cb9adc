import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { errorMessage, validate } from '@hothub/shared';
import { parse as parseYaml } from 'yaml';
import { HubSettings } from './hub-options.js';

/** Reads a hub config file (JSON or YAML); throws an Error whose message a user can act on. */
export async function readSettingsFile(file: string): Promise<HubSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read config file ${file}: ${errorMessage(error)}`);
  }
  let data: unknown;
  try {
    data = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new Error(`config file ${file} is not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${errorMessage(error)}`);
  }
  const result = validate(HubSettings, data ?? {}, `config file ${file}`);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
