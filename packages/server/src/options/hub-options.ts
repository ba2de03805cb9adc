import { HUB_MODES, type HubMode, KINDS, type KindName } from '@hothub/shared';
import * as z from 'zod';
import { DEFAULT_SECRET_WORDS } from '../config/redact.js';
import { AlertThresholds, DEFAULT_ALERT_THRESHOLDS } from '../ops/alert-thresholds.js';
import { DEFAULT_RATE_LIMIT, RateLimitSettings } from '../ops/rate-limit-settings.js';
import { validWebhookSecret, WHSEC_RULE } from '../ops/webhook-signatures.js';

/** Conventional folder of each kind, relative to the root. */
export const DEFAULT_DIRS: Record<KindName, string> = {
  wizard: 'wizards',
  plugin: 'plugins',
  component: 'components',
  theme: 'themes',
  style: 'styles',
  config: 'config',
};

const port = z.coerce.number().int().min(0).max(65535);
const debounce = z.coerce.number().int().min(0).max(60_000);
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

/** What a user can set, from a config file, the environment or flags (all optional here). */
export const HubSettings = z
  .object({
    root: z.string().min(1),
    port,
    host: z.string().min(1),
    debounce,
    dirs: z.partialRecord(z.enum(KINDS), z.string().min(1)),
    /** Browser assets up to this size travel inside the `reloaded` event. */
    inlineLimit: z.coerce.number().int().min(0),
    logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
    /** Milliseconds a plugin's `initialize()`, `getStatus()` or `cleanup()` may take. */
    pluginTimeout: z.coerce.number().int().min(1).max(600_000),
    /** `dev`: watch files, readable logs. `prod`: no watching, reloads through the API only, token required, JSON logs. */
    mode: z.enum(HUB_MODES),
    /** Bearer token for mutating endpoints and socket handshakes. Never logged. */
    token: z.string().min(1),
    /** HMAC-SHA256 key of `POST /webhook` (`whsec_<base64>` or plain text). Never logged. */
    webhookSecret: z.string().min(1).refine(validWebhookSecret, WHSEC_RULE),
    /** Origins allowed to call the API and connect sockets from a browser. */
    corsOrigins: z.array(origin),
    /** `Host` names allowed besides loopback names, IP addresses and the bound host (DNS rebinding guard). */
    allowedHosts: z.array(allowedHost),
    /** Seconds between periodic reloads of everything that changed on disk. */
    periodic: z.coerce.number().min(0.01).max(86_400),
    /** Redis that joins hubs into one cluster (`redis://host:port`, `rediss://` for TLS). */
    redis: redisUrl,
    alerts: AlertThresholds,
    rateLimit: RateLimitSettings,
    /** Configs (by id) whose changed values travel to browsers in `reloaded`; others send key names only. */
    publicConfigs: z.array(z.string().min(1)),
    /** Config files larger than this many bytes are refused (default 5 MB). */
    configMaxBytes: z.coerce.number().int().min(1),
    /** Versions of each config kept under `<root>/.hothub/backups/` (default 10). */
    configBackups: z.coerce.number().int().min(1).max(1000),
    /** Words that make a config key look secret, redacted in events, logs and the audit log. */
    redactKeys: z.array(z.string().min(1)),
  })
  .partial()
  .strict();
export type HubSettings = z.infer<typeof HubSettings>;

/** Settings with every default filled in. */
export interface ResolvedSettings {
  root: string;
  port: number;
  host: string;
  debounce: number;
  dirs: Record<KindName, string>;
  inlineLimit: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  pluginTimeout: number;
  mode: HubMode;
  token?: string;
  webhookSecret?: string;
  corsOrigins: string[];
  allowedHosts: string[];
  periodic?: number;
  redis?: string;
  alerts: AlertThresholds;
  rateLimit: RateLimitSettings;
  publicConfigs: string[];
  configMaxBytes: number;
  configBackups: number;
  redactKeys: string[];
}

export const DEFAULT_INLINE_LIMIT = 64 * 1024;
export const DEFAULT_CONFIG_MAX_BYTES = 5 * 1024 * 1024;

/** Later layers win: defaults < config file < environment < flags. */
export function resolveSettings(...layers: HubSettings[]): ResolvedSettings {
  const merged: HubSettings = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  return {
    root: merged.root ?? process.cwd(),
    port: merged.port ?? 8888,
    host: merged.host ?? '127.0.0.1',
    debounce: merged.debounce ?? 0,
    dirs: { ...DEFAULT_DIRS, ...merged.dirs },
    inlineLimit: merged.inlineLimit ?? DEFAULT_INLINE_LIMIT,
    logLevel: merged.logLevel ?? 'info',
    pluginTimeout: merged.pluginTimeout ?? 10_000,
    mode: merged.mode ?? 'dev',
    ...(merged.token ? { token: merged.token } : {}),
    ...(merged.webhookSecret ? { webhookSecret: merged.webhookSecret } : {}),
    corsOrigins: merged.corsOrigins ?? [],
    allowedHosts: merged.allowedHosts ?? [],
    ...(merged.periodic ? { periodic: merged.periodic } : {}),
    ...(merged.redis ? { redis: merged.redis } : {}),
    alerts: { ...DEFAULT_ALERT_THRESHOLDS, ...merged.alerts },
    rateLimit: { ...DEFAULT_RATE_LIMIT, ...merged.rateLimit },
    publicConfigs: merged.publicConfigs ?? [],
    configMaxBytes: merged.configMaxBytes ?? DEFAULT_CONFIG_MAX_BYTES,
    configBackups: merged.configBackups ?? 10,
    redactKeys: merged.redactKeys ?? [...DEFAULT_SECRET_WORDS],
  };
}
