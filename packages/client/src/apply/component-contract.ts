/**
 * What a module under `components/` exports by default. `unmount` returns the state the next
 * version receives in `mount`, so a counter keeps its count across edits.
 * @example
 * export default {
 *   mount(el, state = { count: 0 }) { … render, keep `state` … },
 *   unmount(el) { return el.state; },
 * };
 */
export interface HotComponent {
  mount(element: HTMLElement, state: unknown): void;
  unmount?(element: HTMLElement): unknown;
}

/** Checks an imported module's default export against the contract (it is outside input). */
export function componentOf(module: unknown): HotComponent {
  const candidate = typeof module === 'object' && module !== null && 'default' in module ? module.default : undefined;
  if (typeof candidate !== 'object' || candidate === null || !('mount' in candidate) || typeof candidate.mount !== 'function') {
    throw new Error('a component module must export default { mount(element, state), unmount?(element) }');
  }
  const { mount } = candidate;
  const unmount = 'unmount' in candidate && typeof candidate.unmount === 'function' ? candidate.unmount : undefined;
  return {
    mount: (element, state) => void mount.call(candidate, element, state),
    ...(unmount ? { unmount: (element: HTMLElement): unknown => unmount.call(candidate, element) } : {}),
  };
}
