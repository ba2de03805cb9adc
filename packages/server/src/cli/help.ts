import { DEFAULT_DIRS } from '../kinds/index.js';
import { cliSettings } from '../options/settings-table.js';

/** Flags of the command itself, not settings. */
export const COMMAND_FLAGS = [
  { usage: '--config FILE', help: 'hub config file, JSON or YAML' },
  { usage: '--demo', help: 'copy the built-in demo app to ./hothub-demo (once) and serve it' },
  { usage: '--https', help: 'serve https: with --cert and --key, or a self-signed localhost certificate kept in .hothub/https/' },
  { usage: '--open', help: "open the hub's page (the app's, with --proxy) in the default browser; not when CI is set" },
  { usage: '-h, --help', help: 'show this help' },
  { usage: '-v, --version', help: 'print the version' },
] as const;

const WIDTH = 96;
const INDENT = 23;

/** `hothub --help`, built from the settings table so that a new setting shows up without editing it. */
export function helpText(): string {
  const folders = Object.values(DEFAULT_DIRS).map((dir) => `${dir}/`);
  const settings = cliSettings().map(({ cli }) => ({
    usage: `--${cli.flag} ${cli.arg}`,
    help: `${cli.help}${cli.list ? ', repeatable' : ''}.`,
    env: `${cli.env}${cli.list ? '=a,b' : ''}`,
  }));
  return [
    'Usage: hothub [options]',
    '',
    `Watches ${folders.join(', ')} under the root`,
    'and pushes every save to connected pages in milliseconds.',
    '',
    'Options:',
    ...settings.map(({ usage, help, env }) => option(usage, [...help.split(' '), `Env: ${env}`])),
    ...COMMAND_FLAGS.map(({ usage, help }) => option(usage, help.split(' '))),
    '',
    'Flags win over environment variables, which win over the config file.',
    'Add <script src="http://HOST:PORT/hothub/client.js"></script> to your page.',
  ].join('\n');
}

/** One option: usage in the left column, words wrapped at WIDTH in the right one. */
function option(usage: string, words: string[]): string {
  const lines: string[] = [];
  let line = `  ${usage}`.padEnd(INDENT - 1);
  for (const word of words) {
    if (line.length + 1 + word.length > WIDTH && line.trim() !== '') {
      lines.push(line);
      line = ' '.repeat(INDENT - 1);
    }
    line += ` ${word}`;
  }
  return [...lines, line].join('\n');
}
