import { TOAST_CSS } from './toast-css.js';

/** How long a success stays up after the latest change it reports. */
const SUCCESS_MS = 2000;
/** Names listed in a grouped success before "and N more". */
const LISTED = 3;

type Tone = 'success' | 'failure' | 'warning';

/**
 * The SDK's notifications, in a shadow root appended to `<body>` when first needed. Successes of
 * a burst merge into one toast; failures stay, one per target, until that target reloads or the
 * user dismisses them.
 */
export class Toaster {
  #list: HTMLOListElement | undefined;
  #success: { element: HTMLLIElement; names: string[]; timer: number } | undefined;
  readonly #sticky = new Map<string, HTMLLIElement>();

  /** `name` reloaded: shown alone, or merged into the success already showing. */
  success(name: string): void {
    const current = this.#success;
    const names = current ? [...current.names.filter((n) => n !== name), name] : [name];
    const title = names.length === 1 ? `Reloaded ${name}` : `Reloaded ${names.length} changes`;
    const detail = names.length === 1 ? '' : `${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? ` and ${names.length - LISTED} more` : ''}`;
    const element = current?.element ?? this.#add('success');
    fill(element, title, detail, () => this.#dropSuccess());
    if (current) clearTimeout(current.timer);
    this.#success = { element, names, timer: window.setTimeout(() => this.#dropSuccess(), SUCCESS_MS) };
  }

  /** A sticky toast for `key` (a failing target, the lost connection), replacing the one it had. */
  sticky(key: string, tone: Tone, title: string, detail = ''): HTMLLIElement {
    const element = this.#sticky.get(key) ?? this.#add(tone);
    element.className = tone;
    element.setAttribute('role', tone === 'failure' ? 'alert' : 'status');
    fill(element, title, detail, () => this.clear(key));
    this.#sticky.set(key, element);
    return element;
  }

  /** Like `sticky`, but gone after a moment (a restored connection). */
  flash(key: string, title: string): void {
    const element = this.sticky(key, 'success', title);
    window.setTimeout(() => {
      if (this.#sticky.get(key) === element) this.clear(key);
    }, SUCCESS_MS);
  }

  clear(key: string): void {
    this.#sticky.get(key)?.remove();
    this.#sticky.delete(key);
  }

  #dropSuccess(): void {
    if (!this.#success) return;
    clearTimeout(this.#success.timer);
    this.#success.element.remove();
    this.#success = undefined;
  }

  #add(tone: Tone): HTMLLIElement {
    const element = document.createElement('li');
    element.className = tone;
    this.#container().append(element);
    return element;
  }

  #container(): HTMLOListElement {
    if (this.#list?.isConnected) return this.#list;
    const host = document.createElement('hothub-toasts');
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = TOAST_CSS;
    const list = document.createElement('ol');
    list.setAttribute('aria-live', 'polite');
    list.setAttribute('aria-label', 'hothub notifications');
    root.append(style, list);
    (document.body ?? document.documentElement).append(host);
    this.#list = list;
    return list;
  }
}

function fill(element: HTMLLIElement, title: string, detail: string, dismiss: () => void): void {
  const body = document.createElement('div');
  body.className = 'body';
  const heading = document.createElement('div');
  heading.className = 'title';
  heading.textContent = title;
  body.append(heading);
  if (detail) {
    const more = document.createElement('div');
    more.className = 'detail';
    more.textContent = detail;
    body.append(more);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Dismiss');
  close.addEventListener('click', dismiss);
  element.replaceChildren(body, close);
}
