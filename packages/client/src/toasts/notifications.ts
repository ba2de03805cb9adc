import type { Reloaded, ReloadError, ReloadFailed } from '@hothub/shared';
import type { Effect } from '../apply/effect.js';
import type { Passing, Toaster } from './toaster.js';

/** What the toasts say about hub events: the words live here, the rendering in `Toaster`. */
export class Notifications {
  #lost = false;

  constructor(private toaster: Toaster | undefined) {}

  /** The SDK closes: its toasts go, and nothing shows any more (an update still being applied included). */
  close(): void {
    this.toaster?.remove();
    this.toaster = undefined;
  }

  /** `event` was applied here with `effect`: a green note only when something on this page changed. */
  reloaded(event: Reloaded, effect: Effect): void {
    this.toaster?.clear(targetOf(event));
    if (event.removed) return;
    const [tone, title] = describeEffect(event, effect);
    this.toaster?.note(tone, `${event.kind} ${event.id}`, title);
  }

  /** A failing target is back to the version this page already has (a broken save undone). */
  recovered(event: Reloaded): void {
    this.toaster?.clear(targetOf(event));
    this.toaster?.note('neutral', `${event.kind} ${event.id}`, `${event.kind} ${event.id} fixed: this page already has this version`);
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

function describeEffect(event: Reloaded, effect: Effect): [Passing, string] {
  switch (effect.type) {
    case 'sheets':
      return effect.count === 0
        ? ['neutral', `${event.id}: not used on this page`]
        : ['success', `${event.id} reloaded (${effect.count} ${effect.count === 1 ? 'sheet' : 'sheets'})`];
    case 'inactive':
      return ['neutral', `${event.kind} ${event.id}: not active on this page`];
    case 'applied':
      return ['success', `Reloaded ${event.kind} ${event.id}`];
    default: {
      const never: never = effect;
      throw new Error(`unknown effect ${String(never)}`);
    }
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
