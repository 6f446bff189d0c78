/** The little of Web Storage the widget needs. Every call is safe: storage can be blocked or full. */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * Wraps a Web Storage getter so that blocked storage (Safari private mode, sandboxed iframes,
 * cookies disabled: even *reading* `window.localStorage` throws) or a full quota degrades to an
 * in-memory map for this page view instead of breaking the chat.
 */
export function createSafeStorage(getBackend: () => Storage | null | undefined): KeyValueStorage {
  const memory = new Map<string, string>();
  /** Keys the backend refused to store (quota): this page view keeps them in memory only. */
  const memoryOnly = new Set<string>();
  const backend = (): Storage | null => {
    try {
      return getBackend() ?? null;
    } catch {
      return null;
    }
  };
  return {
    get(key) {
      // The backend is the truth while it works: another tab of the page may have changed the key.
      try {
        const store = backend();
        if (store && !memoryOnly.has(key)) return store.getItem(key);
      } catch {
        // fall through to memory
      }
      return memory.get(key) ?? null;
    },
    set(key, value) {
      memory.set(key, value);
      try {
        const store = backend();
        if (!store) return;
        store.setItem(key, value);
        memoryOnly.delete(key);
      } catch {
        // quota or blocked: the in-memory copy still serves this page view
        memoryOnly.add(key);
      }
    },
    remove(key) {
      memory.delete(key);
      memoryOnly.delete(key);
      try {
        backend()?.removeItem(key);
      } catch {
        // ignore
      }
    },
  };
}

/** Storage that never persists; for tests and for hosts that opt out. */
export function createMemoryStorage(): KeyValueStorage {
  return createSafeStorage(() => null);
}
