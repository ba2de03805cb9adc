import type { HubEvent } from '../pipeline/event-log.js';

/**
 * The terminal's one line for a run, like Vite's `hmr update` and browser-sync's `File event`:
 * `14:02:11 reloaded styles/main.css (2.1 ms)`, `14:02:12 failed styles/main.css:3:5 Unclosed block`.
 * A dependent names itself and the save that reached it: `reloaded styles/main.css (via styles/partials/q.css)`.
 * None for the versions loaded at startup (a project's every file, as Vite prints none); a failure always has one.
 * @example
 * reloadLine(event); // '14:02:11 reloaded styles/main.css (2.1 ms)'
 */
export function reloadLine({ name, payload }: HubEvent): string | undefined {
  const time = new Date(payload.ts).toTimeString().slice(0, 8);
  const { cause } = payload;
  const file = cause?.chain?.at(-1) ?? cause?.file ?? `${payload.kind}/${payload.id}`;
  if (name === 'reloaded') {
    if (payload.trigger === 'startup') return undefined;
    const what = payload.removed ? 'removed' : 'reloaded';
    const via = cause?.chain && cause.chain.length > 1 ? ` (via ${cause.chain.slice(0, -1).join(' → ')})` : '';
    return `${time} ${what} ${file}${via} (${payload.durationMs.toFixed(1)} ms)`;
  }
  const { error } = payload;
  const at = [error.file ?? file, error.line, error.column].filter((part) => part !== undefined).join(':');
  return `${time} failed ${at} ${error.message}${payload.rolledBack ? ' (rolled back)' : ''}`;
}
