import type { HistoryQuery } from '@hothub/shared';
import type { LoggedEvent } from '../pipeline/event-log.js';

/**
 * Events matching the query, newest first, at most `limit`, and how many matched in all. `success=false` lists
 * failed runs and pages' `runtime_error`s, `success=true` only `reloaded`; an application event (`published`) has no
 * kind, id, trigger or outcome, so any of those filters leaves it out.
 */
export function queryHistory(events: readonly LoggedEvent[], query: HistoryQuery): { events: LoggedEvent[]; total: number } {
  const since = query.since === undefined ? -Infinity : instant(query.since);
  const until = query.until === undefined ? Infinity : instant(query.until);
  const matches: LoggedEvent[] = [];
  let total = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    const { payload } = event;
    if (query.trigger !== undefined && !('trigger' in payload && payload.trigger === query.trigger)) continue;
    if (query.kind !== undefined && !('kind' in payload && payload.kind === query.kind)) continue;
    if (query.id !== undefined && !('id' in payload && payload.id === query.id)) continue;
    if (query.success !== undefined && (event.name === 'published' || (event.name === 'reloaded') !== query.success)) continue;
    if (payload.ts < since || payload.ts > until) continue;
    total++;
    if (matches.length < query.limit) matches.push(event);
  }
  return { events: matches, total };
}

function instant(value: number | string): number {
  return typeof value === 'number' ? value : Date.parse(value);
}
