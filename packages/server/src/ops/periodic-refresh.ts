/**
 * Runs `refresh` every `seconds`, never two at once: a tick that finds the previous run
 * still going is skipped. Returns the function that stops it.
 */
export function startPeriodicRefresh(seconds: number, refresh: () => Promise<unknown>, onError: (error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    refresh()
      .catch(onError)
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
