/**
 * Bench-only timestamps of a save's hops (issue 18, `bench/hops.mjs`): with HOTHUB_TRACE_HOPS=1 each
 * `hop?.(name)` pushes `[name, ms since the epoch]` (performance.timeOrigin + performance.now(), the clock
 * the page uses too) onto `globalThis.__hothubHops`, which the bench reads and empties. Off, `hop` is
 * undefined and a call site costs one check.
 */
type Hops = Array<[name: string, at: number]>;

const HOPS_KEPT = 10_000;

export const hop: ((name: string) => void) | undefined =
  process.env.HOTHUB_TRACE_HOPS === '1'
    ? (name) => {
        const g = globalThis as { __hothubHops?: Hops };
        const hops = (g.__hothubHops ??= []);
        // A bench that stops reading must not grow the hub without bound.
        if (hops.length >= HOPS_KEPT) hops.splice(0, hops.length / 2);
        hops.push([name, performance.timeOrigin + performance.now()]);
      }
    : undefined;
