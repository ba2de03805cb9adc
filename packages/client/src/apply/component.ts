import { ASSETS_PATH, errorMessage, type ReloadError } from '@hothub/shared';
import { assetHref } from '../connection/asset-href.js';
import { componentOf, type HotComponent } from './component-contract.js';

const ATTR = 'data-hothub-component';

interface Loaded {
  component: HotComponent;
  url: string;
}

/** A component that could not be mounted; the page keeps what it had. */
export class MountFailure extends Error {
  constructor(
    readonly id: string,
    readonly error: ReloadError,
  ) {
    super(error.message);
    this.name = 'MountFailure';
  }
}

/**
 * Mounts `<div data-hothub-component="counter">` with `components/counter.js`, on load and when
 * such elements are added, and re-mounts every instance when a new version arrives, carrying
 * each instance's state over. A version that fails to import or to mount is rolled back.
 */
export class ComponentHost {
  readonly #loaded = new Map<string, Loaded>();
  readonly #mounted = new Map<HTMLElement, string>();
  /** Latest announced URL per id, for elements that mount later. */
  readonly #urls = new Map<string, string>();
  /** Mounts new elements, unmounts removed ones. */
  readonly #scan = () => {
    for (const element of document.querySelectorAll<HTMLElement>(`[${ATTR}]`)) this.#mountNew(element);
    for (const element of this.#mounted.keys()) if (!element.isConnected) this.#unmount(element);
  };
  readonly #observer = new MutationObserver(this.#scan);

  constructor(
    private readonly hubUrl: string,
    private readonly onFailure: (failure: MountFailure) => void,
  ) {}

  /** Mounts what the page has and watches for more. */
  start(): void {
    this.#observer.observe(document.documentElement, { childList: true, subtree: true });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', this.#scan, { once: true });
    else this.#scan();
  }

  /** The SDK closes: mount nothing more. Mounted components stay as they are: they are the page's content now. */
  stop(): void {
    this.#observer.disconnect();
    document.removeEventListener('DOMContentLoaded', this.#scan);
  }

  /** Swaps in a new version of `id`; rejects with a `MountFailure` after putting the old one back. */
  async reload(id: string, url: string): Promise<void> {
    this.#urls.set(id, assetHref(this.hubUrl, url));
    const previous = this.#loaded.get(id);
    if (!previous) return;
    const next = await this.#import(id);
    const elements = [...this.#mounted].filter(([, mountedId]) => mountedId === id).map(([element]) => element);
    const swapped: Array<{ element: HTMLElement; state: unknown }> = [];
    for (const element of elements) {
      const state = previous.component.unmount?.(element);
      element.replaceChildren();
      try {
        next.component.mount(element, state);
        swapped.push({ element, state });
      } catch (error) {
        // Back to the old version everywhere, each instance with the state it had.
        for (const undo of [...swapped, { element, state }]) {
          if (undo.element !== element) next.component.unmount?.(undo.element);
          undo.element.replaceChildren();
          previous.component.mount(undo.element, undo.state);
        }
        throw new MountFailure(id, locate(error, next.url));
      }
    }
    this.#loaded.set(id, next);
  }

  #mountNew(element: HTMLElement): void {
    const id = element.getAttribute(ATTR);
    if (!id || this.#mounted.has(element)) return;
    this.#mounted.set(element, id);
    const loaded = this.#loaded.get(id);
    (loaded ? Promise.resolve(loaded) : this.#import(id).then((l) => {
      this.#loaded.set(id, l);
      return l;
    }))
      .then(({ component, url }) => {
        try {
          component.mount(element, undefined);
        } catch (error) {
          throw new MountFailure(id, locate(error, url));
        }
      })
      .catch((error: unknown) => {
        this.#mounted.delete(element);
        this.onFailure(error instanceof MountFailure ? error : new MountFailure(id, { message: String(error) }));
      });
  }

  #unmount(element: HTMLElement): void {
    const id = this.#mounted.get(element);
    this.#mounted.delete(element);
    if (id) this.#loaded.get(id)?.component.unmount?.(element);
  }

  async #import(id: string): Promise<Loaded> {
    const url = this.#urls.get(id) ?? assetHref(this.hubUrl, `${ASSETS_PATH}/component/${id}.js`);
    try {
      return { component: componentOf(await import(/* @vite-ignore */ url)), url };
    } catch (error) {
      throw new MountFailure(id, locate(error, url));
    }
  }
}

/** The message and, from the stack, where in the component's module the error was thrown. */
function locate(error: unknown, url: string): ReloadError {
  const message = errorMessage(error);
  const file = url.split('?')[0] ?? url;
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frame = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\?[^:\\s)]*)?:(\\d+):(\\d+)`).exec(stack);
  return frame ? { message, file, line: Number(frame[1]), column: Number(frame[2]) } : { message, file };
}
