import { validate } from '@hothub/shared';
import { HubSettings } from './hub-options.js';
import { cliSettings } from './settings-table.js';

/** `HOTHUB_*` environment variables, validated like flags; a list variable is comma-separated. */
export function readSettingsEnv(env: NodeJS.ProcessEnv): HubSettings {
  const raw: Record<string, string | string[]> = {};
  for (const { key, cli } of cliSettings()) {
    const value = env[cli.env];
    if (value === undefined || value === '') continue;
    raw[key] = cli.list ? value.split(',').map((item) => item.trim()) : value;
  }
  const result = validate(HubSettings, raw, 'environment (HOTHUB_*)');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
