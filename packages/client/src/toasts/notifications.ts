import type { Reloaded, ReloadError, ReloadFailed } from '@hothub/shared';
import type { RuntimeFault, UiHub } from '../ui/ui-contract.js';
import type { Toaster } from './toaster.js';

/** What the toasts say about hub events: the words live here, the rendering in `Toaster`. */
export class Notifications {
  #lost = false;

  constructor(
    private toaster: Toaster | undefined,
    private readonly hub: UiHub,
  ) {}

  /** The SDK closes: its toasts go, and nothing shows any more (an update still being applied included). */
  close(): void {
    this.toaster?.remove();
    this.toaster = undefined;
  }

  /**
   * `event` was applied here, taken by `used` places on this page (stylesheets, the active theme) when
   * counted: green only when something here changed, a neutral note when nothing here uses it.
   */
  reloaded(event: Reloaded, used: number | undefined): void {
    const name = targetOf(event);
    this.toaster?.clear(name);
    if (event.removed) return;
    const from = event.cause?.chain?.[0];
    if (used === 0) this.toaster?.note('neutral', name, `${event.kind === 'theme' ? name : event.id}: not used on this page`);
    else if (from) {
      // A saved partial or helper reached this page through `event.id`: its own "not used" note was only half the story.
      // (`from` is root-relative, a note names `style/<id>`: `styles/partials/q.css` ends with `/partials/q.css`.)
      this.toaster?.withdraw('neutral', (note) => from.endsWith(note.slice(note.indexOf('/'))));
      this.toaster?.note('success', name, `${from.split('/').pop()} (via ${event.id})`);
    } else if (event.kind === 'page') this.toaster?.note('success', name, `Reloading: ${event.id} changed`);
    else if (event.kind === 'style' || event.kind === 'asset')
      this.toaster?.note('success', name, `${event.id} reloaded (${used} ${event.kind === 'style' ? 'sheet' : 'use'}${used === 1 ? '' : 's'})`);
    else this.toaster?.note('success', name, `Reloaded ${event.kind} ${event.id}`);
  }

  /** A failing target is back to the version this page already has (a broken save undone). */
  recovered(event: Reloaded): void {
    const name = targetOf(event);
    this.toaster?.clear(name);
    this.toaster?.note('neutral', name, `${event.kind} ${event.id} fixed`);
  }

  failed(event: ReloadFailed): void {
    this.toaster?.sticky(targetOf(event), 'failure', `${event.kind} ${event.id} failed to reload`, describe(event.error));
  }

  /**
   * A runtime error of the page, sticky: blamed on a version ("probably from components/counter.js saved
   * 2 s ago", with a roll-back) it shares that artifact's toast, so its next reload clears it.
   */
  runtimeError(fault: RuntimeFault): void {
    const { blamed } = fault;
    const key = blamed ? targetOf(blamed) : 'runtime';
    const ago = blamed ? Math.max(0, Math.round((Date.now() - blamed.ts) / 1000)) : 0;
    const detail = [fault.where, blamed && `probably from ${blamed.file} saved ${ago} s ago`].filter(Boolean).join('\n');
    this.toaster?.sticky(key, 'failure', fault.message, detail);
    if (blamed) this.toaster?.action(key, 'Roll back', () => rollBack(this.hub, blamed));
  }

  disconnected(): void {
    this.#lost = true;
    this.toaster?.sticky('connection', 'warning', 'Connection to the hub lost', 'Reconnecting…');
  }

  connected(): void {
    if (!this.#lost) return;
    this.#lost = false;
    this.toaster?.flash('connection', 'Connection to the hub restored');
  }
}

function targetOf(event: { kind: string; id: string }): string {
  return `${event.kind}/${event.id}`;
}

/**
 * `components/counter.js:2:33  Unexpected ";"`: where first, as editors and terminals print it; the path as
 * the hub sends it, relative to its root, so a kind folder anywhere under it (`src/components/`) shows whole.
 */
function describe(error: ReloadError): string {
  if (!error.file) return error.message;
  const where = [error.file, error.line, error.column].filter((part) => part !== undefined).join(':');
  return `${where}\n${error.message}`;
}

/** `POST /rollback { kind, id }`, answered in words: what the hub did, or why it refused. */
async function rollBack(hub: UiHub, target: { kind: string; id: string }): Promise<string> {
  try {
    const res = await fetch(`${hub.hubUrl}/rollback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(hub.token ? { authorization: `Bearer ${hub.token}` } : {}) },
      body: JSON.stringify({ kind: target.kind, id: target.id }),
    });
    if (res.ok) return `Rolled back: the hub serves the previous version of ${targetOf(target)}`;
    // Shown, never acted on: the message is read if the body has one, without the schema library (not in this file).
    const body: unknown = await res.json().catch(() => undefined);
    const error = typeof body === 'object' && body && 'error' in body ? body.error : undefined;
    const message = typeof error === 'object' && error && 'message' in error ? String(error.message) : res.statusText;
    return `Roll-back refused (${res.status}): ${message}`;
  } catch (error) {
    return `Roll-back failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
