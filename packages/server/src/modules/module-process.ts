/** Why a module's attempt to end the process fails, and what to do instead. */
export const EXIT_REFUSED =
  'process.exit() is not allowed in wizards, plugins and config schemas: the hub keeps running; throw an Error instead';

/** Ways to end the process: refused. `kill` is refused only for this process (or its group). */
const ENDINGS = new Set<PropertyKey>(['exit', 'abort', 'reallyExit']);

function refuse(): never {
  throw new Error(EXIT_REFUSED);
}

function kill(pid: number, signal?: string | number): true {
  if (Number(pid) === process.pid || Number(pid) <= 0) refuse();
  return process.kill(pid, signal);
}

/**
 * The `process` modules see (as a global and from `require('process')`): the hub's own, except that
 * it cannot be ended from a module. Methods are bound to the real process once, so `process.on` works.
 * Not a security boundary: module code that reaches the hub's realm (an object the hub passed in) can find the real one.
 */
export const moduleProcess: NodeJS.Process = (() => {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(process, {
    get(target, name) {
      if (ENDINGS.has(name)) return refuse;
      if (name === 'kill') return kill;
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      if (!bound.has(name)) bound.set(name, value.bind(target));
      return bound.get(name);
    },
    set(target, name, value) {
      // A non-zero exitCode would make the hub's own clean exit fail.
      if (name === 'exitCode') refuse();
      return Reflect.set(target, name, value, target);
    },
  });
})();
