import { Connected } from './connected.js';
import { Published } from './published.js';
import { ReloadFailed } from './reload-failed.js';
import { Reloaded } from './reloaded.js';

/** Schema of every server-to-client event, by name. */
export const SERVER_EVENT_SCHEMAS = {
  connected: Connected,
  reloaded: Reloaded,
  reload_failed: ReloadFailed,
  published: Published,
} as const;
export type ServerEventName = keyof typeof SERVER_EVENT_SCHEMAS;
