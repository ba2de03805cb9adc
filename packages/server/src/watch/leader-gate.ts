import type { FileEvent } from './create-watcher.js';

/**
 * File events wait here while another hub of the cluster leads (it runs the pipeline for them).
 * When this hub takes over it runs every path seen meanwhile once more: content the old leader
 * already announced is skipped as unchanged, and whatever changed after it died is not lost.
 */
export class LeaderGate {
  readonly #held = new Map<string, FileEvent>();
  readonly #leading: () => boolean;

  constructor(leading: () => boolean) {
    this.#leading = leading;
  }

  /** Whether this hub runs the pipeline for file changes (and periodic refreshes) now. */
  get leading(): boolean {
    return this.#leading();
  }

  /** True when this hub runs the event now; otherwise it is kept (the latest event per path). */
  admit(event: FileEvent, path: string): boolean {
    if (this.leading) return true;
    this.#held.delete(path);
    this.#held.set(path, event);
    return false;
  }

  /** The kept events, oldest path first, handed over once. */
  takeOver(): Array<[FileEvent, string]> {
    const held = [...this.#held].map(([path, event]): [FileEvent, string] => [event, path]);
    this.#held.clear();
    return held;
  }
}
