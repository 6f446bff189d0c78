/** Runs tasks one after another per key (a conversation), in parallel across keys. */
export function createKeyedSerializer() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const prev = tails.get(key) ?? Promise.resolve();
      const next = prev.then(task, task);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
    size: () => tails.size,
    /** Something is queued or running for this key. */
    has: (key: string) => tails.has(key),
    /** Resolves when every queued task has finished (tests, graceful shutdown). */
    async idle(): Promise<void> {
      while (tails.size) await Promise.all([...tails.values()]);
    },
  };
}
