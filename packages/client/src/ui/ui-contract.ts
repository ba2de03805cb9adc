import type { KindName, Reloaded, ReloadFailed } from '@hothub/shared';
import type { createBlame } from '../runtime/blame.js';

/** A runtime error of the page as the overlay shows it. */
export interface RuntimeFault {
  /** `TypeError: x is not a function`. */
  message: string;
  /** Where it was thrown: `components/counter.js:3:12`, or the script's URL for code the hub did not serve. */
  where?: string;
  /** The version it is blamed on: its artifact, its file (root-relative) and when the hub numbered it. */
  blamed?: { kind: KindName; id: string; file: string; ts: number };
}

/** What the core tells the UI file (`client-ui.mjs`, loaded once connected): words and rendering live there. */
export interface ClientUi {
  reloaded(event: Reloaded, used: number | undefined): void;
  recovered(event: Reloaded): void;
  failed(event: ReloadFailed): void;
  disconnected(): void;
  connected(): void;
  runtimeError(fault: RuntimeFault): void;
  close(): void;
}

/** Where the UI's "Roll back" action posts, with the page's token when it has one. */
export interface UiHub {
  hubUrl: string;
  token?: string;
}

/** The UI file's exports. */
export interface UiModule {
  createUi(hub: UiHub): ClientUi;
  createBlame: typeof createBlame;
}
