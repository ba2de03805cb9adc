import { ASSETS_PATH, type Reloaded } from '@hothub/shared';
import { assetHref } from '../connection/asset-href.js';
import { fetchText } from './fetch-text.js';

const ATTR = 'data-hothub-theme';
const STORAGE_KEY = 'hothub:theme';

/**
 * The active theme: named by `hub.setTheme(name)` or `<html data-hothub-theme="name">`,
 * remembered in localStorage so it survives a reload, and applied as one `<style>` at the end of
 * `<head>` (after the app's sheets, so its custom properties win).
 */
export class ThemeController {
  #name: string | null = null;
  readonly #style = document.createElement('style');

  constructor(private readonly hubUrl: string) {
    this.#style.setAttribute('data-hothub-theme-style', '');
  }

  get name(): string | null {
    return this.#name;
  }

  /** Applies the remembered or declared theme and follows changes of the attribute. */
  start(): Promise<void> {
    new MutationObserver(() => {
      const declared = document.documentElement.getAttribute(ATTR);
      if (declared && declared !== this.#name) this.set(declared).catch(() => undefined);
    }).observe(document.documentElement, { attributes: true, attributeFilter: [ATTR] });
    const initial = remembered() ?? document.documentElement.getAttribute(ATTR);
    return initial ? this.set(initial) : Promise.resolve();
  }

  /** Makes `name` the active theme; rejects when the hub has no such theme (the previous one stays). */
  async set(name: string): Promise<void> {
    this.#name = name;
    document.documentElement.setAttribute(ATTR, name);
    try {
      localStorage.setItem(STORAGE_KEY, name);
    } catch {
      // Storage can be disabled (privacy settings, sandboxed frames): the choice then lasts until reload.
    }
    const css = await fetchText(assetHref(this.hubUrl, `${ASSETS_PATH}/theme/${encodeURIComponent(name)}.css`));
    if (this.#name === name) this.#apply(css);
  }

  /** A theme was saved: re-applied when it is the active one. */
  async reload(event: Reloaded): Promise<void> {
    if (event.id !== this.#name || event.removed) return;
    const css = event.content ?? (event.url ? await fetchText(assetHref(this.hubUrl, event.url)) : undefined);
    if (css !== undefined && this.#name === event.id) this.#apply(css);
  }

  #apply(css: string): void {
    this.#style.textContent = css;
    if (this.#style.parentNode !== document.head || this.#style.nextSibling) document.head.append(this.#style);
  }
}

function remembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
