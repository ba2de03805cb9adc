import type { Reloaded, ReloadError, ReloadFailed } from '@hothub/shared';
import type { Toaster } from './toaster.js';

/** What the toasts say about hub events: the words live here, the rendering in `Toaster`. */
export class Notifications {
  #lost = false;

  constructor(private readonly toaster: Toaster | undefined) {}

  reloaded(event: Reloaded): void {
    this.toaster?.clear(targetOf(event));
    if (!event.removed) this.toaster?.success(`${event.kind} ${event.id}`);
  }

  failed(event: ReloadFailed): void {
    this.toaster?.sticky(targetOf(event), 'failure', `${event.kind} ${event.id} failed to reload`, describe(event.error));
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

/** `counter.js:2:33  Unexpected ";"`: where first, as editors and terminals print it. */
function describe(error: ReloadError): string {
  if (!error.file) return error.message;
  const where = [shortFile(error.file), error.line, error.column].filter((part) => part !== undefined).join(':');
  return `${where}\n${error.message}`;
}

function shortFile(file: string): string {
  const marker = /\/(components|themes|styles|wizards|plugins|config)\//.exec(file);
  return marker ? file.slice(marker.index + 1) : file;
}
