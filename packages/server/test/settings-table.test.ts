import { readFile } from 'node:fs/promises';
import { validate } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import { HELP, parseCliArgs } from '../src/cli/args.js';
import { COMMAND_FLAGS } from '../src/cli/help.js';
import { resolveSettings } from '../src/options/hub-options.js';
import { readSettingsEnv } from '../src/options/settings-env.js';
import { cliSettings, SETTINGS, type Setting } from '../src/options/settings-table.js';

/** README's `### Options` table: each row's flag column and environment column. */
async function readmeOptionRows(): Promise<Array<{ flags: string; env: string }>> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.split('### Options')[1]?.split('\n\n')[1] ?? '';
  return section
    .split('\n')
    .slice(2)
    .map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim()))
    .map(([, flags = '', env = '']) => ({ flags, env }));
}

describe('settings table', () => {
  it('gives every flag setting a distinct flag and variable, both in --help', () => {
    const settings = cliSettings();
    expect(new Set(settings.map(({ cli }) => cli.flag)).size).toBe(settings.length);
    expect(new Set(settings.map(({ cli }) => cli.env)).size).toBe(settings.length);
    for (const { cli } of settings) {
      expect(HELP).toContain(`--${cli.flag} ${cli.arg}`);
      expect(HELP).toContain(cli.env);
    }
    for (const { usage } of COMMAND_FLAGS) expect(HELP).toContain(usage);
  });

  it("is what README's options table lists: every flag with its variable, and no flag that does not exist", async () => {
    const rows = await readmeOptionRows();
    for (const { cli } of cliSettings()) {
      const row = rows.find(({ flags }) => flags.includes(`\`--${cli.flag} `) || flags.includes(`\`--${cli.flag}\``));
      expect(row, `README row for --${cli.flag}`).toBeDefined();
      expect(row?.env, `README variable of --${cli.flag}`).toContain(cli.env);
    }
    const known = [...cliSettings().map(({ cli }) => cli.flag), ...COMMAND_FLAGS.flatMap(({ usage }) => [...usage.matchAll(/--([a-z-]+)/g)].map((m) => m[1]))];
    const documented = rows.flatMap(({ flags }) => [...flags.matchAll(/--([a-z-]+)/g)].map((match) => match[1]));
    expect(documented.filter((flag) => !known.includes(flag!))).toEqual([]);
  });

  it('has defaults that pass their own schema', () => {
    for (const [key, entry] of Object.entries(SETTINGS) as Array<[string, Setting]>) {
      if (entry.default === undefined) continue;
      const value = typeof entry.default === 'function' ? entry.default() : entry.default;
      expect(validate(entry.schema, value, key).ok, key).toBe(true);
    }
  });

  it('reads the same settings from flags and from HOTHUB_* (lists repeat or split on commas)', () => {
    const flags = parseCliArgs(['--port', '0', '--mode', 'prod', '--cors-origin', 'http://a.test', '--cors-origin', 'http://b.test']);
    const env = readSettingsEnv({ HOTHUB_PORT: '0', HOTHUB_MODE: 'prod', HOTHUB_CORS_ORIGIN: 'http://a.test, http://b.test', HOTHUB_TOKEN: '' });
    expect(flags.settings).toEqual({ port: 0, mode: 'prod', corsOrigins: ['http://a.test', 'http://b.test'] });
    expect(env).toEqual(flags.settings);
  });

  it('names the flag or variable that is wrong', () => {
    expect(() => parseCliArgs(['--allowed-host', 'a b'])).toThrow(/^invalid --allowed-host\[0\]: must be a host name/);
    expect(() => parseCliArgs(['--webhook-secret', 'whsec_!'])).toThrow(/^invalid --webhook-secret/);
    expect(() => readSettingsEnv({ HOTHUB_DEBOUNCE: 'soon' })).toThrow(/^invalid environment \(HOTHUB_\*\) at debounce/);
  });

  it('resolves layers: later wins, nested objects merge into their defaults, an empty token or periodic 0 is off', () => {
    const resolved = resolveSettings({ port: 1, alerts: { rollbacks: 9 }, dirs: { style: 'css' } }, { port: 2, token: '', periodic: 0 });
    expect(resolved).toMatchObject({ port: 2, host: '127.0.0.1', root: process.cwd(), mode: 'dev', corsOrigins: [] });
    expect(resolved.alerts).toEqual({ failureRate: 0.1, rollbacks: 9, slowReloadMs: 30_000, validationFailures: 5 });
    expect(resolved.dirs).toMatchObject({ style: 'css', theme: 'themes' });
    expect('token' in resolved || 'periodic' in resolved || 'redis' in resolved).toBe(false);
  });
});
