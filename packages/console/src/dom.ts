/** What `h` and `svg` accept as children: nodes, text, and nothing (skipped). */
export type Child = Node | string | number | null | undefined | false;

function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/**
 * An HTML element with attributes and children; text is always text (never parsed as HTML),
 * so what pages and files send cannot inject markup. No `style` attributes: the CSP refuses them.
 * @example
 * h('td', { class: 'seq' }, '#', event.seq)
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  append(element, children);
  return element;
}

/** An SVG element (charts are drawn by hand, no chart library). */
export function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: Child[]): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

/** Replaces what `parent` shows. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** `14:02:11` of a timestamp (ms since the epoch). */
export function clock(ts: number): string {
  return new Date(ts).toLocaleTimeString([], { hour12: false });
}
