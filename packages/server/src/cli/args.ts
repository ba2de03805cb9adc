import { parseArgs } from 'node:util';
import { validate } from '@hothub/shared';
import { HubSettings } from '../options/hub-options.js';
import { cliSettings, SETTINGS, type SettingKey } from '../options/settings-table.js';
import { helpText } from './help.js';

export const HELP = helpText();

export interface CliArgs {
  help: boolean;
  version: boolean;
  demo: boolean;
  /** `--open`: open the hub's page in the default browser once it listens. */
  open: boolean;
  config?: string;
  settings: HubSettings;
}

const COMMAND_OPTIONS = {
  config: { type: 'string' },
  demo: { type: 'boolean', default: false },
  https: { type: 'boolean', default: false },
  open: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** Parses argv; throws an Error with a one-line message for unknown or invalid flags. */
export function parseCliArgs(argv: string[]): CliArgs {
  const settingOptions: Record<string, { type: 'string'; multiple: boolean }> = Object.fromEntries(
    cliSettings().map(({ cli }) => [cli.flag, { type: 'string', multiple: cli.list === true }]),
  );
  const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { ...settingOptions, ...COMMAND_OPTIONS } });
  const raw: Record<string, unknown> = {};
  const given: Record<string, unknown> = values;
  for (const { key, cli } of cliSettings()) if (given[cli.flag] !== undefined) raw[key] = given[cli.flag];
  // A switch, not a value: the table's flags all take one.
  if (values.https) raw.https = true;
  const result = validate(HubSettings, raw, 'option');
  if (!result.ok) throw new Error(result.error.message.replace(/^invalid option at (\w+)/, (_, key: string) => `invalid --${flagOf(key)}`));
  return {
    help: values.help,
    version: values.version,
    demo: values.demo,
    open: values.open,
    ...(values.config ? { config: values.config } : {}),
    settings: result.value,
  };
}

function flagOf(key: string): string {
  return key in SETTINGS ? (SETTINGS[key as SettingKey].cli?.flag ?? key) : key;
}
