/**
 * The `import.meta.hot` of a module under `components/` that is not a component (a store, a router):
 * `data` survives every version, `dispose` runs before the next version is evaluated, `accept` receives it.
 */
export interface HotModule {
  /** Kept across versions of this module (Vite's `import.meta.hot.data`). */
  readonly data: Record<string, unknown>;
  /** This version handles its own updates: `handler` gets the next version's module (its exports). */
  accept(handler?: (module: unknown) => void): void;
  /** Runs before the next version is evaluated, to leave state in `data`. */
  dispose(handler: (data: Record<string, unknown>) => void): void;
}

interface Handlers {
  accept: Array<(module: unknown) => void>;
  dispose: Array<(data: Record<string, unknown>) => void>;
}

/** The hot modules of this page by id (`components/store.js` → `store`): a module is one once it called `hot(id)`. */
export class HotModules {
  readonly #data = new Map<string, Record<string, unknown>>();
  readonly #handlers = new Map<string, Handlers>();

  hot(id: string): HotModule {
    let data = this.#data.get(id);
    if (!data) this.#data.set(id, (data = {}));
    let handlers = this.#handlers.get(id);
    if (!handlers) this.#handlers.set(id, (handlers = { accept: [], dispose: [] }));
    const { accept, dispose } = handlers;
    return { data, accept: (handler = () => {}) => void accept.push(handler), dispose: (handler) => void dispose.push(handler) };
  }

  /**
   * Swaps in the version of `id` at `url` when `id` is a hot module: its dispose handlers run, the new
   * version is imported (it registers its own handlers), then the old accept handlers get it. A version that
   * fails to evaluate puts the old handlers back and rejects (the page keeps the old module).
   */
  async swap(id: string, url: string): Promise<void> {
    const old = this.#handlers.get(id);
    if (!old) return;
    this.#handlers.delete(id);
    const data = this.#data.get(id) ?? {};
    for (const handler of old.dispose) handler(data);
    let module: unknown;
    try {
      module = await import(/* @vite-ignore */ url);
    } catch (error) {
      this.#handlers.set(id, old);
      throw error;
    }
    for (const handler of old.accept) handler(module);
  }
}
