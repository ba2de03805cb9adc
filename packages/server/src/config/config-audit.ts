import type { RunEvent } from '../pipeline/reload-outcome.js';
import type { AuditEntry } from './audit-log.js';
import type { ConfigRuntime } from './config-runtime.js';

/**
 * Turns each config run's outcome into an audit line and a log line; the changed keys are those its `apply` returned. Values appear in the audit log
 * only, redacted where the key looks secret; logs name keys, never values. An event the history
 * `announcedBefore` (re-sent by a restart that found the same version) was audited when it happened.
 */
export function auditConfigEvent(runtime: ConfigRuntime, outcome: RunEvent, announcedBefore: boolean): void {
  const { event, applied: attempt } = outcome;
  const { payload } = event;
  if (payload.kind !== 'config' || announcedBefore) return;
  const applied = event.name === 'reloaded' || event.payload.rolledBack;
  const changes = applied ? (attempt?.changes ?? []) : [];
  const entry: AuditEntry = {
    at: new Date(payload.ts).toISOString(),
    kind: 'config',
    id: payload.id,
    trigger: payload.trigger,
    result: event.name === 'reloaded' ? 'applied' : event.payload.rolledBack ? 'rolled_back' : 'rejected',
    ...(applied && attempt ? { version: attempt.version } : {}),
    ...(attempt?.previousVersion ? { previousVersion: attempt.previousVersion } : {}),
    keys: changes.map((change) => change.key),
    changes: changes.map(({ key, oldValue, newValue }) => ({
      key,
      ...(oldValue === undefined ? {} : { from: runtime.redactor.value(key, oldValue) }),
      ...(newValue === undefined ? {} : { to: runtime.redactor.value(key, newValue) }),
    })),
    ...(event.name === 'reload_failed' ? { error: event.payload.error.message } : {}),
    ...(payload.cause ? { cause: payload.cause } : {}),
    ...(payload.triggeredBy ? { triggeredBy: payload.triggeredBy } : {}),
    ...(payload.reason ? { reason: payload.reason } : {}),
  };
  void runtime.audit.append(entry);
  const summary = `config ${payload.id} ${entry.result.replace('_', ' ')} (${payload.trigger})`;
  if (entry.result === 'applied') runtime.logger.info(summary, { keys: entry.keys });
  else runtime.logger.warn(summary, { keys: entry.keys, error: entry.error });
}
