import type { HistoryQuery } from '@hothub/shared';
import type { HubEvent } from '../pipeline/event-log.js';

/** Events matching the query, newest first, at most `limit`. */
export function queryHistory(events: readonly HubEvent[], query: HistoryQuery): HubEvent[] {
  const matches: HubEvent[] = [];
  for (let i = events.length - 1; i >= 0 && matches.length < query.limit; i--) {
    const event = events[i]!;
    if (query.trigger !== undefined && event.payload.trigger !== query.trigger) continue;
    if (query.kind !== undefined && event.payload.kind !== query.kind) continue;
    if (query.success !== undefined && (event.name === 'reloaded') !== query.success) continue;
    matches.push(event);
  }
  return matches;
}
