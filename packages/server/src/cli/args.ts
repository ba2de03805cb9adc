import { parseArgs } from 'node:util';
import { validate } from '@hothub/shared';
import { HubSettings } from '../options/hub-options.js';

export const HELP = `Usage: hothub [options]

Watches wizards/, plugins/, components/, themes/, styles/ and config/ under the root
and pushes every save to connected pages in milliseconds.

Options:
  --root DIR        folder to watch (default: current folder)       HOTHUB_ROOT
  --port N          port to listen on, 0 for a free one (default 8888) HOTHUB_PORT
  --host H          interface to bind (default 127.0.0.1)             HOTHUB_HOST
  --config FILE     hub config file, JSON or YAML
  --debounce MS     wait for MS quiet milliseconds before a reload (default 0) HOTHUB_DEBOUNCE
  --mode dev|prod   dev: watch files (default); prod: no watching, API reloads only,
                    token required, JSON logs                         HOTHUB_MODE
  --token T         bearer token for POST /reload and socket handshakes HOTHUB_TOKEN
                    (prefer the variable: flags show up in ps)
  --cors-origin O   origin allowed to read assets and API and connect, besides
                    loopback pages and the hub's own, repeatable  HOTHUB_CORS_ORIGIN (a,b)
  --allowed-host H  Host name allowed besides loopback names and IPs, repeatable;
                    .example.com adds subdomains; all turns the check off (unsafe)
                                                                    HOTHUB_ALLOWED_HOST (a,b)
  --webhook-secret S  HMAC-SHA256 key of POST /webhook               HOTHUB_WEBHOOK_SECRET
  --periodic SECONDS  reload whatever changed on disk every SECONDS   HOTHUB_PERIODIC
  --redis URL       redis://HOST:PORT: join the other hubs on that Redis HOTHUB_REDIS
  --plugin-timeout MS  bound on a plugin's initialize/cleanup (default 10000) HOTHUB_PLUGIN_TIMEOUT
  --demo            copy the built-in demo app to ./hothub-demo (once) and serve it
  -h, --help        show this help
  -v, --version     print the version

Flags win over environment variables, which win over the config file.
Add <script src="http://HOST:PORT/hothub/client.js"></script> to your page.`;

export interface CliArgs {
  help: boolean;
  version: boolean;
  demo: boolean;
  config?: string;
  settings: HubSettings;
}

/** Parses argv; throws an Error with a one-line message for unknown or invalid flags. */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      root: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      debounce: { type: 'string' },
      mode: { type: 'string' },
      token: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'allowed-host': { type: 'string', multiple: true },
      'webhook-secret': { type: 'string' },
      periodic: { type: 'string' },
      redis: { type: 'string' },
      'plugin-timeout': { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const raw = {
    root: values.root,
    port: values.port,
    host: values.host,
    debounce: values.debounce,
    mode: values.mode,
    token: values.token,
    corsOrigins: values['cors-origin'],
    allowedHosts: values['allowed-host'],
    webhookSecret: values['webhook-secret'],
    periodic: values.periodic,
    redis: values.redis,
    pluginTimeout: values['plugin-timeout'],
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const result = validate(HubSettings, defined, 'option');
  if (!result.ok) throw new Error(result.error.message.replace(/^invalid option at (\w+)/, (_, key: string) => `invalid --${flagName(key)}`));
  return {
    help: values.help,
    version: values.version,
    demo: values.demo,
    ...(values.config ? { config: values.config } : {}),
    settings: result.value,
  };
}

/** `corsOrigins` → `cors-origin`, `allowedHosts` → `allowed-host`: the flag a settings key comes from. */
function flagName(key: string): string {
  return key.replace(/(Origin|Host)s$/, '$1').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
