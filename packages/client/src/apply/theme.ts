import { ASSETS_PATH, type Reloaded } from '@hothub/shared';
import { assetHref } from '../connection/asset-href.js';
import { fetchText } from './fetch-text.js';

const ATTR = 'data-hothub-theme';
const STORAGE_KEY = 'hothub:theme';

/**
 * The active theme: named by `hub.setTheme(name)` or `<html data-hothub-theme="name">`,
 * remembered in localStorage so it survives a reload, and applied as one constructed sheet in
 * `document.adoptedStyleSheets`. Adopted sheets come after every `<link>` and `<style>` of the
 * document in the cascade, so the theme's custom properties beat the app's own `:root` ones
 * whenever the app's sheets load; and a CSP without `'unsafe-inline'` does not block them.
 * (`@import` is not allowed in a constructed sheet: a theme file must be self-contained.)
 */
export class ThemeController {
  #name: string | null = null;
  readonly #sheet = new CSSStyleSheet();
  /** Follows `<html data-hothub-theme>` once started. */
  readonly #observer = new MutationObserver(() => {
    const declared = document.documentElement.getAttribute(ATTR);
    if (declared && declared !== this.#name) this.set(declared).catch(() => undefined);
  });

  constructor(private readonly hubUrl: string) {}

  get name(): string | null {
    return this.#name;
  }

  /** Applies the remembered or declared theme and follows changes of the attribute. */
  start(): Promise<void> {
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: [ATTR] });
    const initial = remembered() ?? document.documentElement.getAttribute(ATTR);
    return initial ? this.set(initial) : Promise.resolve();
  }

  /** The SDK closes: stop following the attribute and take the theme's sheet out of the page. */
  stop(): void {
    // No name: a fetch still under way when the SDK closed applies nothing (see `set`).
    this.#name = null;
    this.#observer.disconnect();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== this.#sheet);
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

  /** A theme was saved: re-applied when it is the active one. Resolves to whether it was. */
  async reload(event: Reloaded): Promise<boolean> {
    if (event.id !== this.#name || event.removed) return false;
    const css = event.content ?? (event.url ? await fetchText(assetHref(this.hubUrl, event.url)) : undefined);
    if (css === undefined || this.#name !== event.id) return false;
    this.#apply(css);
    return true;
  }

  #apply(css: string): void {
    this.#sheet.replaceSync(css);
    if (!document.adoptedStyleSheets.includes(this.#sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.#sheet];
  }
}

function remembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
