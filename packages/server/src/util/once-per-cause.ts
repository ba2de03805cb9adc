/**
 * Says a failure once per distinct cause instead of on every retry (a `.hothub/` that cannot be written
 * fails on every save), and once that it works again.
 */
export class OncePerCause {
  #last: string | undefined;

  constructor(
    private readonly onFailure: (cause: string) => void,
    private readonly onRecovery: () => void,
  ) {}

  failed(cause: string): void {
    if (cause === this.#last) return;
    this.#last = cause;
    this.onFailure(cause);
  }

  succeeded(): void {
    if (this.#last === undefined) return;
    this.#last = undefined;
    this.onRecovery();
  }
}
