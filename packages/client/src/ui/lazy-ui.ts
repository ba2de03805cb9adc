import type { ClientUi, UiModule } from './ui-contract.js';

/**
 * After the frame that paints what was just applied (a task queued from `requestAnimationFrame` runs after
 * the paint): a toast's DOM work never delays the new rules on screen (issue 18: 1.4 ms of a save's p50 on the
 * bench page). In order, as every call goes this way; at once in a hidden tab, which paints no frames.
 */
export function afterPaint(task: () => void): void {
  if (document.hidden) task();
  else requestAnimationFrame(() => setTimeout(task));
}

/**
 * The UI as the core sees it: the first call (the first connection) loads the UI file, and calls made
 * meanwhile are replayed once it is there. Without `load` (`toasts: false`) nothing shows.
 */
export function lazyUi(
  load: (() => Promise<UiModule>) | undefined,
  hub: Parameters<UiModule['createUi']>[0],
  schedule: (task: () => void) => void = afterPaint,
): ClientUi {
  let ui: ClientUi | undefined;
  let waiting: Array<(ui: ClientUi) => void> | undefined;
  let off = false;
  const call = (task: (ui: ClientUi) => void) => schedule(() => now(task));
  const now = (task: (ui: ClientUi) => void) => {
    if (off || !load) return;
    if (ui) return task(ui);
    if (waiting) return void waiting.push(task);
    waiting = [task];
    load().then(
      (module) => {
        if (off) return;
        ui = module.createUi(hub);
        for (const queued of waiting ?? []) queued(ui);
      },
      (error: unknown) => {
        // A CSP whose script-src leaves out the hub, say: the SDK works on, without toasts.
        off = true;
        console.warn('[hothub] could not load the toasts (client-ui.mjs); updates still apply', error);
      },
    );
  };
  return {
    reloaded: (event, used) => call((u) => u.reloaded(event, used)),
    recovered: (event) => call((u) => u.recovered(event)),
    failed: (event) => call((u) => u.failed(event)),
    disconnected: () => call((u) => u.disconnected()),
    // Loads the UI file at the first connection, while the hub is there to serve it: the first toast a page
    // needs is often "connection lost", when it could no longer fetch it (it says "restored" only after that).
    connected: () => call((u) => u.connected()),
    runtimeError: (fault) => call((u) => u.runtimeError(fault)),
    close: () => {
      off = true;
      ui?.close();
    },
  };
}
