/** An uncaught error or unhandled rejection, as the listeners saw it, for `createBlame` (UI file). */
export interface PageError {
  error: unknown;
  /** `TypeError: x is not a function`. */
  message: string;
  /** Where an `error` event says it was thrown. */
  source?: { url: string; line: number; column: number };
  rejection?: true;
  /** When it fired (`Date.now()`), as the UI file may take a moment to load. */
  time: number;
}

/** Calls `onError` with every uncaught error and unhandled rejection of the page; returns the function that stops. */
export function watchPageErrors(onError: (error: PageError) => void): () => void {
  const onEvent = (e: ErrorEvent) =>
    onError({
      error: e.error,
      message: e.error instanceof Error ? String(e.error) : e.message,
      source: { url: e.filename, line: e.lineno, column: e.colno },
      time: Date.now(),
    });
  const onRejection = ({ reason }: PromiseRejectionEvent) =>
    onError({ error: reason, message: reason instanceof Error ? String(reason) : `Unhandled rejection: ${String(reason)}`, rejection: true, time: Date.now() });
  addEventListener('error', onEvent);
  addEventListener('unhandledrejection', onRejection);
  return () => {
    removeEventListener('error', onEvent);
    removeEventListener('unhandledrejection', onRejection);
  };
}
