import type { RunEvent } from '../pipeline/reload-outcome.js';
import type { ConfigChange } from './config-store.js';
import type { ConfigSubscriptions } from './config-subscriptions.js';

/**
 * Tells subscribers the keys a config reload changed, once the new version passed its checks and
 * serves: a version rolled back was never announced, so there is nothing to take back.
 */
export function announceConfigChanges(subscriptions: ConfigSubscriptions, outcome: RunEvent): void {
  const { event, applied } = outcome;
  if (event.name !== 'reloaded' || event.payload.kind !== 'config' || !applied) return;
  const { id, ts } = event.payload;
  const changes = applied.changes.map(
    (change): ConfigChange => ({
      ...change,
      config: id,
      version: applied.version,
      ...(applied.previousVersion ? { previousVersion: applied.previousVersion } : {}),
      timestamp: ts,
    }),
  );
  subscriptions.notify(changes);
}
