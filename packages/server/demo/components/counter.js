// A hot component: edit the markup and save. The page re-mounts it with the new code and the
// count it had, without a reload. See docs/client-sdk.md for the contract.
const states = new WeakMap();

export default {
  mount(el, state = { count: 0 }) {
    states.set(el, state);
    el.innerHTML = `<button type="button" class="counter">Clicked <strong>${state.count}</strong> times</button>`;
    el.querySelector('button').addEventListener('click', () => {
      state.count += 1;
      el.querySelector('strong').textContent = String(state.count);
    });
  },
  unmount(el) {
    return states.get(el);
  },
};
