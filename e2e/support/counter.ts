/** The demo counter with `label` in its markup, for edits that change only the markup. */
export function counterSource(label: string, extra = ''): string {
  return `const states = new WeakMap();
export default {
  mount(el, state = { count: 0 }) {
    states.set(el, state);${extra}
    el.innerHTML = \`<button type="button" class="counter">${label} <strong>\${state.count}</strong></button>\`;
    el.querySelector('button').addEventListener('click', () => {
      state.count += 1;
      el.querySelector('strong').textContent = String(state.count);
    });
  },
  unmount(el) {
    return states.get(el);
  },
};
`;
}
