import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { type Context, Script, constants, createContext } from 'node:vm';
import type { KindName } from '@hothub/shared';
import { ReloadFailure, errorCode } from '../util/errors.js';
import type { ModuleBundle } from './bundle-module.js';
import { type ModuleExports, exportsOf, failureAt } from './evaluate-module.js';
import { moduleProcess } from './module-process.js';
import { type ModuleTimers, moduleTimers } from './module-timers.js';
import { bundleFilename } from './source-location.js';

/** The artifact a sandbox's module defines: errors it throws later are reported for it. */
export interface SandboxOwner {
  kind: KindName;
  id: string;
}

/** Node's globals a module may use besides the language's own (which its context has a copy of). */
const NODE_GLOBALS = [
  'console', 'queueMicrotask', 'structuredClone', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder',
  'AbortController', 'AbortSignal', 'Event', 'EventTarget', 'DOMException', 'atob', 'btoa', 'performance', 'crypto',
  'fetch', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'BroadcastChannel', 'MessageChannel', 'MessagePort',
] as const;

/** Where the hub puts the task a bounded run calls; not a valid identifier, so no module uses it by accident. */
const TASK = 'hothub:task';
/** One script for every bounded run: `this` at a script's top level is its context's global, which a module cannot rebind. */
const RUN_TASK = new Script(`this[${JSON.stringify(TASK)}]()`, { filename: 'hothub:run' });
const GLOBAL_ALIAS = new Script('globalThis.global = globalThis', { filename: 'hothub:global' });
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {\n';

/**
 * One module version's own `vm` context: its own `JSON`, `Object.prototype`, … (so replacing them
 * cannot break the hub), a `process` that refuses to exit, timers the hub can clear, and a time
 * bound on every synchronous run of its code (top level, constructors, the synchronous part of hooks).
 */
export class ModuleSandbox {
  readonly filename: string;
  readonly #timers: ModuleTimers;
  readonly #context: Context;
  #task: (() => void) | undefined;
  /** Set once an error it threw later was reported, so a failing interval is reported once. */
  faulted = false;

  constructor(
    readonly bundle: ModuleBundle,
    readonly owner: SandboxOwner,
    /** Milliseconds any synchronous run may take before it is terminated. */
    readonly timeoutMs: number,
  ) {
    this.filename = bundleFilename(bundle);
    this.#timers = moduleTimers();
    const { clearAll: _, ...timers } = this.#timers;
    const globals: Record<string, unknown> = { ...timers, process: moduleProcess };
    for (const name of NODE_GLOBALS) if (name in globalThis) globals[name] = Reflect.get(globalThis, name);
    Object.defineProperty(globals, TASK, { value: () => this.#task?.() });
    this.#context = createContext(globals, { name: this.filename });
    GLOBAL_ALIAS.runInContext(this.#context);
  }

  /** Runs the bundle as a CommonJS module; a throw at import becomes a `ReloadFailure` located in the original source. */
  evaluate(): ModuleExports {
    const { bundle } = this;
    const wrapped: unknown = new Script(`${WRAPPER}${bundle.code}\n})`, {
      filename: this.filename,
      // The wrapper's line is not the module's: stack lines count from the bundle's first line.
      lineOffset: -1,
      // `import()` of a package inside a module resolves like it would in the main program.
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    }).runInContext(this.#context);
    if (typeof wrapped !== 'function') throw new Error(`the bundle of ${bundle.entry} did not compile to a function`);
    const module: { exports: unknown } = { exports: {} };
    this.run('threw while loading', () =>
      wrapped(module.exports, moduleRequire(bundle.entry), module, bundle.entry, dirname(bundle.entry)),
    );
    return exportsOf(module.exports);
  }

  /**
   * Runs `task` (a constructor, a hook) within the time bound: a throw becomes a located `ReloadFailure`,
   * an endless loop is terminated. Only the synchronous part is bounded: the hub cannot interrupt
   * code that loops after an `await` or in a timer.
   */
  run<T>(what: string, task: () => T): T {
    let result: { value: T } | undefined;
    const outer = this.#task;
    this.#task = () => {
      result = { value: task() };
    };
    try {
      RUN_TASK.runInContext(this.#context, { timeout: this.timeoutMs });
    } catch (error) {
      if (errorCode(error) !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw failureAt(error, this.bundle, what);
      throw new ReloadFailure(
        `${what}: still running after ${this.timeoutMs} ms (an endless loop?), stopped. Raise moduleTimeout if it needs longer`,
        { file: this.bundle.entry },
      );
    } finally {
      this.#task = outer;
    }
    if (!result) throw new Error(`${what}: the run ended without a result`);
    return result.value;
  }

  /** Clears the timers this version left pending: it was replaced or rolled back. */
  clearTimers(): void {
    this.#timers.clearAll();
  }
}

/** `require` relative to the module's file, except that `process` is the one that cannot exit. */
function moduleRequire(entry: string): NodeJS.Require {
  const real = createRequire(entry);
  const guarded = (id: string): unknown => (id === 'process' || id === 'node:process' ? moduleProcess : real(id));
  return Object.assign(guarded, { resolve: real.resolve, cache: real.cache, extensions: real.extensions, main: real.main });
}
