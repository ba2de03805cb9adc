import type { RunPhases } from '@hothub/shared';

/**
 * Where one run's time goes: each `lap` records the time since the previous one (or the run's start) under a
 * step's name, from one clock (`performance.now()`), rounded to the microsecond. One small object per run.
 * @example
 * const phases = new PhaseClock(performance.now()); phases.lap('read'); phases.spent; // { read: 0.084 }
 */
export class PhaseClock {
  readonly spent: RunPhases = {};
  #mark: number;

  constructor(started: number) {
    this.#mark = started;
  }

  lap(phase: keyof RunPhases): void {
    const now = performance.now();
    this.spent[phase] = Math.round((now - this.#mark) * 1000) / 1000;
    this.#mark = now;
  }
}
