import type { HubEvent } from '../pipeline/event-log.js';

/**
 * The terminal's one line for a run, like Vite's `hmr update` and browser-sync's `File event`:
 * `14:02:11 reloaded styles/main.css (2.1 ms)`, `14:02:12 failed styles/main.css:3:5 Unclosed block`.
 * @example
 * reloadLine(event); // '14:02:11 reloaded styles/main.css (2.1 ms)'
 */
export function reloadLine({ name, payload }: HubEvent): string {
  const time = new Date(payload.ts).toTimeString().slice(0, 8);
  const file = payload.cause?.file ?? `${payload.kind}/${payload.id}`;
  if (name === 'reloaded') {
    const what = payload.removed ? 'removed' : 'reloaded';
    return `${time} ${what} ${file}${payload.cause?.chain ? ` (via ${payload.cause.chain.join(' → ')})` : ''} (${payload.durationMs.toFixed(1)} ms)`;
  }
  const { error } = payload;
  const at = [error.file ?? file, error.line, error.column].filter((part) => part !== undefined).join(':');
  return `${time} failed ${at} ${error.message}${payload.rolledBack ? ' (rolled back)' : ''}`;
}
