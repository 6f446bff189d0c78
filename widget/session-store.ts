import { readJson } from './read-json.js';
import type { KeyValueStorage } from './safe-storage.js';

/** What lets a reload resume the same conversation. */
export interface StoredSession {
  conversationId: string;
  token: string;
  /** The identified visitor the session belongs to, so a different login on this browser starts fresh. */
  visitorId?: string;
}

export interface SessionStore {
  load(): StoredSession | null;
  save(session: StoredSession): void;
  clear(): void;
}

export function createSessionStore(storage: KeyValueStorage, key: string): SessionStore {
  return {
    load() {
      const raw = readJson(storage, key);
      if (!raw || typeof raw !== 'object') return null;
      const o = raw as Record<string, unknown>;
      if (typeof o.conversationId !== 'string' || typeof o.token !== 'string' || !o.token) return null;
      const s: StoredSession = { conversationId: o.conversationId, token: o.token };
      if (typeof o.visitorId === 'string') s.visitorId = o.visitorId;
      return s;
    },
    save: (session) => storage.set(key, JSON.stringify(session)),
    clear: () => storage.remove(key),
  };
}
