/** Milliseconds on a clock every process on the machine shares (wall clock, sub-millisecond resolution). */
export function now() {
  return performance.timeOrigin + performance.now();
}
