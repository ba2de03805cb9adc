import type { ActiveAlert, AlertName, AlertNotice } from '@hothub/shared';

/** Turns successive lists of active alerts into notices: each alert once when raised and once when cleared. */
export class AlertChanges {
  readonly #active = new Map<AlertName, ActiveAlert>();

  /** The alerts raised and cleared since the previous call. */
  diff(active: readonly ActiveAlert[], at: number): AlertNotice[] {
    const notices: AlertNotice[] = [];
    const now = new Map(active.map((alert) => [alert.name, alert]));
    for (const [name, alert] of this.#active) {
      if (!now.has(name)) notices.push({ state: 'cleared', alert, at });
    }
    for (const [name, alert] of now) {
      if (!this.#active.has(name)) notices.push({ state: 'raised', alert, at });
    }
    this.#active.clear();
    for (const [name, alert] of now) this.#active.set(name, alert);
    return notices;
  }
}
