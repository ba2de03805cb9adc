import { errorMessage, type KindName, type ReloadError } from '@hothub/shared';
import type { ReloadOutcome } from '../pipeline/pipeline.js';
import { stackOf } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import type { ModuleSandbox } from './module-sandbox.js';
import { locateError } from './source-location.js';

/** Every bundle's stack frames carry this prefix (see `bundleFilename`). */
const BUNDLE_PREFIX = 'hothub-bundle:';

/** The pipeline's entry point for a serving version that failed after its commit. */
export interface Restorer {
  restore(kind: KindName, id: string, version: string, error: ReloadError): Promise<ReloadOutcome>;
}

/**
 * Errors nobody caught (a throw in a timer, a rejected promise nobody awaited), traced to the module
 * version that threw them by the bundle file name in their stack. A serving version that throws is
 * reported as `reload_failed` and rolled back; anything else is logged. Never fatal: while a hub listens,
 * Node no longer exits on an uncaught error (see docs/wizards-and-plugins.md, "Isolation and its limits").
 */
export class ModuleFaults {
  /** Sandboxes of this hub still alive, by bundle file name; a collected one drops out. */
  readonly #live = new Map<string, WeakRef<ModuleSandbox>>();
  readonly #collected = new FinalizationRegistry<string>((filename) => {
    if (!this.#live.get(filename)?.deref()) this.#live.delete(filename);
  });

  constructor(private readonly logger: Logger) {}

  /** Traces later errors of `sandbox` to its module. */
  track(sandbox: ModuleSandbox): void {
    this.#live.set(sandbox.filename, new WeakRef(sandbox));
    this.#collected.register(sandbox, sandbox.filename);
  }

  /**
   * Listens for uncaught errors and unhandled rejections of the process; a serving version that threw
   * is rolled back by `restorer`. Returns what stops listening. Other listeners (an embedding app's) still receive every error.
   */
  listen(restorer: Restorer): () => void {
    const onError = (error: unknown) => void this.#handle(error, restorer);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    return () => {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    };
  }

  async #handle(thrown: unknown, restorer: Restorer): Promise<void> {
    const stack = stackOf(thrown) ?? errorMessage(thrown);
    const sandbox = this.#thrower(stack);
    if (!sandbox) {
      // Another hub's module, or a version already collected: not this hub's to report.
      if (stack.includes(BUNDLE_PREFIX)) this.logger.debug('uncaught error from a module this hub no longer runs', { error: stack });
      else this.logger.error('uncaught error outside any wizard or plugin; the hub keeps running', { error: stack });
      return;
    }
    const { kind, id } = sandbox.owner;
    if (sandbox.faulted) return this.logger.debug(`${kind} ${id} threw again`, { error: stack });
    sandbox.faulted = true;
    const error: ReloadError = { message: `${kind} ${id} threw after it loaded: ${errorMessage(thrown)}`, ...locateError(thrown, sandbox.bundle) };
    try {
      const outcome = await restorer.restore(kind, id, sandbox.bundle.version, error);
      if (outcome.status !== 'event') this.logger.warn(`${kind} ${id}: a version that no longer serves threw`, { error: stack });
    } catch (failure) {
      this.logger.error(`${kind} ${id} threw, and rolling it back failed`, { error: stack, rollback: errorMessage(failure) });
    }
  }

  /** The tracked sandbox whose bundle has the innermost frame of `stack`. */
  #thrower(stack: string): ModuleSandbox | undefined {
    let found: { at: number; sandbox: ModuleSandbox } | undefined;
    for (const [filename, ref] of this.#live) {
      const at = stack.indexOf(`${filename}:`);
      const sandbox = ref.deref();
      if (at >= 0 && sandbox && (!found || at < found.at)) found = { at, sandbox };
    }
    return found?.sandbox;
  }
}
