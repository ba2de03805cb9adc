import { TOAST_CSS } from './toast-css.js';

/** How long a passing note stays up after the latest change it reports. */
const PASSING_MS = 2000;
/** Names listed in a grouped note before "and N more". */
const LISTED = 3;

type Tone = 'success' | 'neutral' | 'failure' | 'warning';
/** Notes that go away by themselves: something changed here (success), or nothing had to (neutral). */
export type Passing = 'success' | 'neutral';

interface Group {
  element: HTMLLIElement;
  names: string[];
  timer: number;
}

/**
 * The SDK's notifications, in a shadow root appended to `<body>` when first needed. Passing notes
 * of a burst merge into one toast per tone; failures stay, one per target, until that target
 * reloads or the user dismisses them.
 */
export class Toaster {
  #host: HTMLElement | undefined;
  #list: HTMLOListElement | undefined;
  readonly #groups = new Map<Passing, Group>();
  readonly #sticky = new Map<string, HTMLLIElement>();

  /** `name` changed: `title` shown alone, or merged into the note of the same tone already showing. */
  note(tone: Passing, name: string, title: string): void {
    const current = this.#groups.get(tone);
    const names = [...(current?.names.filter((n) => n !== name) ?? []), name];
    const heading = names.length === 1 ? title : `${tone === 'success' ? 'Reloaded' : 'Not used on this page:'} ${names.length} changes`;
    const detail = names.length === 1 ? '' : `${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? ` and ${names.length - LISTED} more` : ''}`;
    const element = current?.element ?? this.#add(tone);
    fill(element, heading, detail, () => this.#drop(tone));
    if (current) clearTimeout(current.timer);
    this.#groups.set(tone, { element, names, timer: window.setTimeout(() => this.#drop(tone), PASSING_MS) });
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

  /**
   * Adds a button to the sticky toast `key` that runs `run` once and shows what it answered
   * (a roll-back: "Rolled back to a1b2c3d4", or why the hub refused).
   */
  action(key: string, label: string, run: () => Promise<string>): void {
    const body = this.#sticky.get(key)?.querySelector('.body');
    if (!body) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'action';
    button.textContent = label;
    const result = document.createElement('div');
    result.className = 'detail';
    button.addEventListener('click', () => {
      button.disabled = true;
      run().then((text) => void (result.textContent = text));
    });
    body.append(button, result);
  }

  /** Like `sticky`, but gone after a moment (a restored connection). */
  flash(key: string, title: string): void {
    const element = this.sticky(key, 'success', title);
    window.setTimeout(() => {
      if (this.#sticky.get(key) === element) this.clear(key);
    }, PASSING_MS);
  }

  /** The SDK closes: every toast goes with its host element (a pending timer then removes a detached note). */
  remove(): void {
    this.#host?.remove();
  }

  clear(key: string): void {
    this.#sticky.get(key)?.remove();
    this.#sticky.delete(key);
  }

  /** The `tone` note turned out wrong: it goes when the one name it reports passes `wrong`. */
  withdraw(tone: Passing, wrong: (name: string) => boolean): void {
    const names = this.#groups.get(tone)?.names;
    if (names?.length === 1 && wrong(names[0]!)) this.#drop(tone);
  }

  #drop(tone: Passing): void {
    const group = this.#groups.get(tone);
    if (!group) return;
    clearTimeout(group.timer);
    group.element.remove();
    this.#groups.delete(tone);
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
    // A constructed sheet, not a <style>: a CSP without 'unsafe-inline' blocks the latter.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(TOAST_CSS);
    root.adoptedStyleSheets = [sheet];
    const list = document.createElement('ol');
    list.setAttribute('aria-live', 'polite');
    list.setAttribute('aria-label', 'hothub notifications');
    root.append(list);
    (document.body ?? document.documentElement).append(host);
    this.#host = host;
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
