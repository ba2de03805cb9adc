import type { HistoryQuery } from '@hothub/shared';
import type { HubEvent } from '../pipeline/event-log.js';

/** Events matching the query, newest first, at most `limit`, and how many matched in all. */
export function queryHistory(events: readonly HubEvent[], query: HistoryQuery): { events: HubEvent[]; total: number } {
  const since = query.since === undefined ? -Infinity : instant(query.since);
  const until = query.until === undefined ? Infinity : instant(query.until);
  const matches: HubEvent[] = [];
  let total = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    const { payload } = event;
    if (query.trigger !== undefined && payload.trigger !== query.trigger) continue;
    if (query.kind !== undefined && payload.kind !== query.kind) continue;
    if (query.id !== undefined && payload.id !== query.id) continue;
    if (query.success !== undefined && (event.name === 'reloaded') !== query.success) continue;
    if (payload.ts < since || payload.ts > until) continue;
    total++;
    if (matches.length < query.limit) matches.push(event);
  }
  return { events: matches, total };
}

function instant(value: number | string): number {
  return typeof value === 'number' ? value : Date.parse(value);
}
