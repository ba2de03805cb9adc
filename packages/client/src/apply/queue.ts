/** Applies updates one at a time, in the order they arrived (as Vite's hmrHandler does). */
export function createUpdateQueue(onError: (error: unknown) => void): (task: () => Promise<void> | void) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return (task) => {
    tail = tail.then(task).catch(onError);
    return tail;
  };
}
