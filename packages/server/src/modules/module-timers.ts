type Callback = (...args: unknown[]) => void;

/** The timer functions a module gets, tracked so the hub can clear what a replaced version left behind. */
export interface ModuleTimers {
  setTimeout(callback: Callback, ms?: number, ...args: unknown[]): NodeJS.Timeout;
  setInterval(callback: Callback, ms?: number, ...args: unknown[]): NodeJS.Timeout;
  setImmediate(callback: Callback, ...args: unknown[]): NodeJS.Immediate;
  clearTimeout(handle?: NodeJS.Timeout | string | number): void;
  clearInterval(handle?: NodeJS.Timeout | string | number): void;
  clearImmediate(handle?: NodeJS.Immediate): void;
  /** Clears every timer still pending; timers set afterwards work as usual. */
  clearAll(): void;
}

/**
 * Timers of one module version. A fired timeout or immediate forgets its handle, so a module
 * that keeps setting timeouts holds only the pending ones.
 */
export function moduleTimers(): ModuleTimers {
  const timeouts = new Set<NodeJS.Timeout>();
  const immediates = new Set<NodeJS.Immediate>();
  const untrack = (handle: unknown) => {
    if (typeof handle !== 'object' || handle === null) return;
    timeouts.delete(handle as NodeJS.Timeout);
    immediates.delete(handle as NodeJS.Immediate);
  };
  return {
    setTimeout(callback, ms, ...args) {
      const handle = setTimeout(() => {
        timeouts.delete(handle);
        callback(...args);
      }, ms);
      timeouts.add(handle);
      return handle;
    },
    setInterval(callback, ms, ...args) {
      const handle = setInterval(callback, ms, ...args);
      timeouts.add(handle);
      return handle;
    },
    setImmediate(callback, ...args) {
      const handle = setImmediate(() => {
        immediates.delete(handle);
        callback(...args);
      });
      immediates.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      untrack(handle);
      clearTimeout(handle);
    },
    clearInterval(handle) {
      untrack(handle);
      clearInterval(handle);
    },
    clearImmediate(handle) {
      untrack(handle);
      clearImmediate(handle);
    },
    clearAll() {
      for (const handle of timeouts) clearTimeout(handle);
      for (const handle of immediates) clearImmediate(handle);
      timeouts.clear();
      immediates.clear();
    },
  };
}
