import { HUB_MODES, KINDS } from '@hothub/shared';
import { DEFAULT_DIRS } from '../kinds/index.js';
import * as z from 'zod';
import { DEFAULT_SECRET_WORDS } from '../config/redact.js';
import type { Filled } from './filled.js';
import { AlertThresholds, DEFAULT_ALERT_THRESHOLDS } from './alert-thresholds.js';
import { DEFAULT_HEALTH_LIMITS, HealthLimits, ROLLBACK_WHEN } from './health-limits.js';
import { DEFAULT_RATE_LIMIT, RateLimitSettings } from './rate-limit-settings.js';
import { WatchSettings } from './watch-settings.js';
import { validWebhookSecret, WHSEC_RULE } from '../webhooks/webhook-signatures.js';

/** How a setting is given on the command line and in the environment. */
export interface SettingCli {
  /** `--cors-origin`, without the dashes. */
  flag: string;
  /** What `--help` shows after the flag: `--port N`. */
  arg: string;
  env: `HOTHUB_${string}`;
  /** The one `--help` line, with the default in words when there is one. */
  help: string;
  /** A list: the flag repeats and the variable is comma-separated (`HOTHUB_CORS_ORIGIN=a,b`). */
  list?: true;
}

export interface Setting<S extends z.ZodType = z.ZodType, D = unknown> {
  /** Validates a config file, `HOTHUB_*` and flags alike; numbers coerce from the strings of env and argv. */
  schema: S;
  /** Filled in when no layer sets it; a function is read when settings are resolved. Nested objects merge into it. */
  default?: D;
  cli?: SettingCli;
}

/** Ties a default to its schema's type, and keeps whether there is one for `ResolvedSettings`. */
function setting<S extends z.ZodType, D extends Default<S> | undefined = undefined>(entry: Setting<S, D>): Setting<S, D> {
  return entry;
}
type Default<S extends z.ZodType> = Filled<z.output<S>> | (() => Filled<z.output<S>>);

/** Versions kept per kind: images and fonts are the heavy ones. */
const DEFAULT_VERSIONS = { wizard: 20, plugin: 20, component: 20, theme: 20, style: 20, page: 20, asset: 5 };
const origin = z.string().refine((value) => URL.canParse(value) && new URL(value).origin === value, {
  message: 'must be an origin such as http://localhost:5173 (scheme, host and port, no path)',
});
// A host name (`.example.com`: it and its subdomains), or `all` to turn the Host check off.
const allowedHost = z.string().regex(/^(all|true|\.?[a-z0-9-]+(\.[a-z0-9-]+)*)$/i, {
  message: 'must be a host name such as dev.example.com, .example.com for it and its subdomains, or all (unsafe)',
});
const redisUrl = z.string().refine((value) => URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol), {
  message: 'must be a Redis URL such as redis://127.0.0.1:6379',
});

/**
 * Every hub setting, declared once. Add a setting here: one entry. `HubSettings`, `ResolvedSettings`,
 * the defaults, the `HOTHUB_*` reader, the flag parser and `--help` are derived from it, and a test
 * checks that README's options table lists every flag and variable.
 */
export const SETTINGS = {
  root: setting({
    schema: z.string().min(1),
    default: () => process.cwd(),
    cli: { flag: 'root', arg: 'DIR', env: 'HOTHUB_ROOT', help: 'folder to watch (default: current folder)' },
  }),
  port: setting({
    schema: z.coerce.number().int().min(0).max(65535),
    default: 8888,
    cli: { flag: 'port', arg: 'N', env: 'HOTHUB_PORT', help: 'port to listen on, 0 for a free one (default 8888)' },
  }),
  host: setting({
    schema: z.string().min(1),
    default: '127.0.0.1',
    cli: { flag: 'host', arg: 'H', env: 'HOTHUB_HOST', help: 'interface to bind (default 127.0.0.1)' },
  }),
  debounce: setting({
    schema: z.coerce.number().int().min(0).max(60_000),
    default: 0,
    cli: { flag: 'debounce', arg: 'MS', env: 'HOTHUB_DEBOUNCE', help: 'wait for MS quiet milliseconds before a reload (default 0)' },
  }),
  /** `dev`: watch files, readable logs. `prod`: no watching, reloads through the API only, token required, JSON logs. */
  mode: setting({
    schema: z.enum(HUB_MODES),
    default: 'dev',
    cli: {
      flag: 'mode',
      arg: 'dev|prod',
      env: 'HOTHUB_MODE',
      help: 'dev: watch files (default); prod: no watching, API reloads only, token required, JSON logs',
    },
  }),
  /** Bearer token for mutating endpoints and socket handshakes. Never logged. */
  token: setting({
    schema: z.string().min(1),
    cli: {
      flag: 'token',
      arg: 'T',
      env: 'HOTHUB_TOKEN',
      help: 'bearer token for POST /reload and socket handshakes (prefer the variable: flags show up in ps)',
    },
  }),
  /** Encrypts backups of configs holding secret keys (AES-256-GCM, scrypt per file). Never logged. */
  secretsKey: setting({
    schema: z.string().min(16, { message: 'must be at least 16 characters: a random key such as the output of openssl rand -base64 32, or a long passphrase' }),
    cli: {
      flag: 'secrets-key',
      arg: 'K',
      env: 'HOTHUB_SECRETS_KEY',
      help: 'encrypt backups of configs holding secret keys with K (openssl rand -base64 32; prefer the variable)',
    },
  }),
  /** Origins allowed to call the API and connect sockets from a browser. */
  corsOrigins: setting({
    schema: z.array(origin),
    default: [],
    cli: {
      flag: 'cors-origin',
      arg: 'O',
      env: 'HOTHUB_CORS_ORIGIN',
      list: true,
      help: "origin allowed to read assets and API and connect, besides loopback pages and the hub's own",
    },
  }),
  /** `Host` names allowed besides loopback names, IP addresses and the bound host (DNS rebinding guard). */
  allowedHosts: setting({
    schema: z.array(allowedHost),
    default: [],
    cli: {
      flag: 'allowed-host',
      arg: 'H',
      env: 'HOTHUB_ALLOWED_HOST',
      list: true,
      help: 'Host name allowed besides loopback names and IPs; .example.com adds subdomains; all turns the check off (unsafe)',
    },
  }),
  /** HMAC-SHA256 key of `POST /webhook` (`whsec_<base64>` or plain text). Never logged. */
  webhookSecret: setting({
    schema: z.string().min(1).refine(validWebhookSecret, WHSEC_RULE),
    cli: { flag: 'webhook-secret', arg: 'S', env: 'HOTHUB_WEBHOOK_SECRET', help: 'HMAC-SHA256 key of POST /webhook' },
  }),
  /** Seconds between periodic reloads of everything that changed on disk. */
  periodic: setting({
    schema: z.coerce.number().min(0.01).max(86_400),
    cli: { flag: 'periodic', arg: 'SECONDS', env: 'HOTHUB_PERIODIC', help: 'reload whatever changed on disk every SECONDS' },
  }),
  /** Redis that joins hubs into one cluster (`redis://host:port`, `rediss://` for TLS). */
  redis: setting({
    schema: redisUrl,
    cli: { flag: 'redis', arg: 'URL', env: 'HOTHUB_REDIS', help: 'redis://HOST:PORT: join the other hubs on that Redis' },
  }),
  /** Milliseconds a plugin's `initialize()`, `getStatus()` or `cleanup()` may take. */
  pluginTimeout: setting({
    schema: z.coerce.number().int().min(1).max(600_000),
    default: 10_000,
    cli: {
      flag: 'plugin-timeout',
      arg: 'MS',
      env: 'HOTHUB_PLUGIN_TIMEOUT',
      help: "bound on a plugin's initialize/cleanup and on a synchronous run of module code (default 10000)",
    },
  }),
  /** Proxy mode: the app at this origin is served through the hub, the SDK tag added to its pages. */
  proxy: setting({
    schema: origin,
    cli: { flag: 'proxy', arg: 'URL', env: 'HOTHUB_PROXY', help: "serve the app at URL (http://localhost:3000) through the hub, the SDK added to its pages" },
  }),
  /** Serve https (`--https`): with `cert` and `key`, or a self-signed localhost certificate kept in `<root>/.hothub/https/`. */
  https: setting({ schema: z.boolean() }),
  /** PEM certificate file for https (implies `https`). */
  cert: setting({
    schema: z.string().min(1),
    cli: { flag: 'cert', arg: 'FILE', env: 'HOTHUB_CERT', help: 'PEM certificate to serve https with (with --key)' },
  }),
  /** PEM private key file for https (implies `https`). */
  key: setting({
    schema: z.string().min(1),
    cli: { flag: 'key', arg: 'FILE', env: 'HOTHUB_KEY', help: 'PEM private key of --cert' },
  }),
  /** Seconds between runs of every health check (built-in and the app's); `/health` answers from the last run. */
  healthInterval: setting({
    schema: z.coerce.number().min(0.05).max(86_400),
    default: 30,
    cli: { flag: 'health-interval', arg: 'SECONDS', env: 'HOTHUB_HEALTH_INTERVAL', help: 'run the health checks every SECONDS (default 30)' },
  }),
  /** Memory budget in MB for the `memory` check (default: V8's heap limit). */
  memoryBudget: setting({
    schema: z.coerce.number().min(1),
    cli: { flag: 'memory-budget', arg: 'MB', env: 'HOTHUB_MEMORY_BUDGET', help: "the memory check fails above 90% of MB (default: 90% of V8's heap limit)" },
  }),
  /** A URL of the app the `probe` check fetches; slower than `healthLimits.probeTimeoutMs` or not 2xx/3xx fails. */
  probe: setting({
    schema: z.url({ protocol: /^https?$/ }),
    cli: { flag: 'probe', arg: 'URL', env: 'HOTHUB_PROBE', help: 'the probe check fetches URL: an error, a 4xx/5xx or more than 5 s fails it' },
  }),
  /** Seconds a new version stays on probation after its commit; 0 turns probation off. */
  probation: setting({
    schema: z.coerce.number().min(0).max(86_400),
    default: 60,
    cli: { flag: 'probation', arg: 'SECONDS', env: 'HOTHUB_PROBATION', help: 'roll a new version back when checks fail within SECONDS of its commit (default 60, 0: off)' },
  }),
  /** `any` failing check rolls a version on probation back, or only a `majority` (more than half) of them. */
  rollbackWhen: setting({
    schema: z.enum(ROLLBACK_WHEN),
    default: 'any',
    cli: { flag: 'rollback-when', arg: 'any|majority', env: 'HOTHUB_ROLLBACK_WHEN', help: 'on probation, roll back when any check fails (default) or more than half' },
  }),
  healthLimits: setting({ schema: HealthLimits, default: DEFAULT_HEALTH_LIMITS }),
  /** Kinds mapped to globs relative to the root, besides the kind folders (`style=public/css/**\/*.css`). */
  watch: setting({
    schema: WatchSettings,
    cli: {
      flag: 'watch',
      arg: 'KIND=GLOB',
      env: 'HOTHUB_WATCH',
      list: true,
      help: 'also watch files matching GLOB (relative to the root) as KIND; KIND=GLOB:/css/ says where the app serves them',
    },
  }),
  /** Poll for changes every MS milliseconds (chokidar `usePolling`): Docker bind mounts, WSL `/mnt/*`, network drives. */
  poll: setting({
    schema: z.coerce.number().int().min(10).max(60_000),
    cli: { flag: 'poll', arg: 'MS', env: 'HOTHUB_POLL', help: 'poll for changes every MS milliseconds (Docker bind mounts, WSL /mnt/*, network drives)' },
  }),
  /** Globs (relative to the root) of files that are never artifacts, in folders and rules alike. */
  ignore: setting({
    schema: z.array(z.string().min(1)),
    default: [],
    cli: { flag: 'ignore', arg: 'GLOB', env: 'HOTHUB_IGNORE', list: true, help: 'never load files matching GLOB (relative to the root), such as **/*.min.css' },
  }),
  /** Folder of each kind, relative to the root (config file and createHub() only). */
  dirs: setting({ schema: z.partialRecord(z.enum(KINDS), z.string().min(1)), default: DEFAULT_DIRS }),
  /** Browser assets up to this size travel inside the `reloaded` event. */
  inlineLimit: setting({ schema: z.coerce.number().int().min(0), default: 64 * 1024 }),
  logLevel: setting({ schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']), default: 'info' }),
  alerts: setting({ schema: AlertThresholds, default: DEFAULT_ALERT_THRESHOLDS }),
  /** Where each raised and cleared alert is POSTed as JSON (`AlertNotice`), retried with backoff. */
  alertWebhook: setting({
    schema: z.url({ protocol: /^https?$/ }),
    cli: { flag: 'alert-webhook', arg: 'URL', env: 'HOTHUB_ALERT_WEBHOOK', help: 'POST each raised and cleared alert as JSON to URL (retried with backoff)' },
  }),
  rateLimit: setting({ schema: RateLimitSettings, default: DEFAULT_RATE_LIMIT }),
  /** Configs (by id) whose changed values travel to browsers in `reloaded`; others send key names only. */
  publicConfigs: setting({ schema: z.array(z.string().min(1)), default: [] }),
  /** Config files larger than this many bytes are refused. */
  configMaxBytes: setting({ schema: z.coerce.number().int().min(1), default: 5 * 1024 * 1024 }),
  /** Versions of each config kept under `<root>/.hothub/backups/`. */
  configBackups: setting({ schema: z.coerce.number().int().min(1).max(1000), default: 10 }),
  /**
   * Versions of each artifact kept under `<root>/.hothub/backups/<kind>/`, per kind (config file and createHub()
   * only; configs keep `configBackups`). 0 keeps none of that kind.
   */
  versions: setting({ schema: z.partialRecord(z.enum(KINDS).exclude(['config']), z.coerce.number().int().min(0).max(1000)), default: DEFAULT_VERSIONS }),
  /** Words that make a config key look secret, redacted in events, logs and the audit log. */
  redactKeys: setting({ schema: z.array(z.string().min(1)), default: [...DEFAULT_SECRET_WORDS] }),
};
export type SettingKey = keyof typeof SETTINGS;

/** Settings that have a flag and a `HOTHUB_*` variable, in table order. */
export function cliSettings(): Array<{ key: SettingKey; cli: SettingCli }> {
  return Object.entries(SETTINGS).flatMap(([key, entry]: [string, Setting]) => (entry.cli ? [{ key: key as SettingKey, cli: entry.cli }] : []));
}
