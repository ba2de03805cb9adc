import { validate } from '@hothub/shared';
import { HubSettings } from './hub-options.js';

/** `HOTHUB_*` environment variables, validated like flags. */
export function readSettingsEnv(env: NodeJS.ProcessEnv): HubSettings {
  const raw = {
    root: env.HOTHUB_ROOT,
    port: env.HOTHUB_PORT,
    host: env.HOTHUB_HOST,
    debounce: env.HOTHUB_DEBOUNCE,
    mode: env.HOTHUB_MODE,
    token: env.HOTHUB_TOKEN,
    webhookSecret: env.HOTHUB_WEBHOOK_SECRET,
    corsOrigins: env.HOTHUB_CORS_ORIGIN?.split(',').map((origin) => origin.trim()),
    allowedHosts: env.HOTHUB_ALLOWED_HOST?.split(',').map((host) => host.trim()),
    periodic: env.HOTHUB_PERIODIC,
    redis: env.HOTHUB_REDIS,
    pluginTimeout: env.HOTHUB_PLUGIN_TIMEOUT,
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const result = validate(HubSettings, defined, 'environment (HOTHUB_*)');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
