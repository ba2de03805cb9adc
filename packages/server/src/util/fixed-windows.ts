/** Keys tracked at once; past this, finished windows are dropped first. */
const MAX_KEYS = 10_000;

/** At most `max` hits per key in each window of `windowS` seconds. */
export interface WindowLimit {
  max: number;
  windowS: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** Where a key stands in its current window. */
export interface WindowState {
  /** Hits counted in the current window, this one included. */
  count: number;
  /** Over the limit: refuse. */
  limited: boolean;
  /** Whole seconds until the window resets (at least 1). */
  retryAfterS: number;
}

/**
 * Counts hits per key (a client address, a socket) in fixed windows: the one limiter of the hub,
 * behind HTTP's 429, the failed-handshake throttle and the per-socket event limit.
 * @example
 * const windows = new FixedWindows({ max: 60, windowS: 60 });
 * if (windows.hit(address).limited) refuse();
 */
export class FixedWindows {
  readonly #windows = new Map<string, Window>();

  constructor(
    readonly limit: WindowLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit for `key`. */
  hit(key: string): WindowState {
    const at = this.now();
    const window = this.#current(key, at) ?? this.#open(key, at);
    window.count++;
    return this.#state(window, at);
  }

  /** Where `key` stands, without counting a hit. */
  peek(key: string): WindowState {
    const at = this.now();
    return this.#state(this.#current(key, at) ?? { count: 0, resetAt: at + this.limit.windowS * 1000 }, at);
  }

  #current(key: string, at: number): Window | undefined {
    const window = this.#windows.get(key);
    return window && window.resetAt > at ? window : undefined;
  }

  #open(key: string, at: number): Window {
    if (this.#windows.size >= MAX_KEYS) this.#prune(at);
    const window = { count: 0, resetAt: at + this.limit.windowS * 1000 };
    this.#windows.set(key, window);
    return window;
  }

  #state(window: Window, at: number): WindowState {
    return { count: window.count, limited: window.count > this.limit.max, retryAfterS: Math.max(1, Math.ceil((window.resetAt - at) / 1000)) };
  }

  #prune(at: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= at) this.#windows.delete(key);
    if (this.#windows.size >= MAX_KEYS) this.#windows.clear();
  }
}
