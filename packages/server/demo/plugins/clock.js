// A plugin with the full lifecycle: the hub initializes the new version before it retires the old one.
let timer;
let ticks = 0;

export default {
  initialize() {
    timer = setInterval(() => ticks++, 1000);
    timer.unref();
  },
  getStatus() {
    return { healthy: true, ticks };
  },
  updateConfig() {},
  cleanup() {
    clearInterval(timer);
  },
};
