import type { KeyChange } from '../util/key-diff.js';
import type { HubEvent } from './event-log.js';

/** What a run's `apply` step did, kept on the outcome whether the version then served or was rolled back. */
export interface AppliedVersion {
  /** The version the run applied. */
  version: string;
  /** The version it replaced, if one served. */
  previousVersion?: string;
  /** The keys whose values changed, as the kind reported them (configs); empty for kinds without keys. */
  changes: readonly KeyChange[];
}

/**
 * A run that sent an event: the numbered event, and what the consumers of `after-run.ts` need beside it.
 * One value per run, returned to the caller and handed to every consumer in order; nothing is parked in shared state.
 */
export interface RunEvent {
  status: 'event';
  event: HubEvent;
  /** The artifact's file relative to its kind's folder, when the run read one. */
  relPath?: string;
  /** Set when `apply` ran: on a `reloaded` event what now serves, on a rolled-back failure what was undone. */
  applied?: AppliedVersion;
  /** Another hub of the cluster numbered this event: this hub's history stores do not append it again. */
  followed?: true;
}

/** What a run did: sent an event, or changed nothing (same content, file gone mid-save). */
export type ReloadOutcome = RunEvent | { status: 'unchanged' } | { status: 'missing' };

/** Called once for every event a run sends, before the run's artifact may run again. */
export type AfterRun = (outcome: RunEvent) => void;
