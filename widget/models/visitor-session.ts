// The conversation this browser resumes: its id and token (stored), and its status from the last `session` event.
import { signal } from '@preact/signals';
import type { SessionPayload } from '../../protocol/visitor-socket.js';
import type { KeyValueStorage } from '../safe-storage.js';
import { createSessionStore, type StoredSession } from '../session-store.js';

export function createVisitorSession(storage: KeyValueStorage, key: string) {
  const store = createSessionStore(storage, key);
  let session: StoredSession | null = store.load();
  const conversationId = signal<string | null>(session?.conversationId ?? null);
  /** 'bot', 'queued', 'assigned' or 'resolved'. */
  let status: string | null = null;

  return {
    conversationId,
    get: () => session,
    status: () => status,
    /** A `session` event: the server's token for this conversation (for `visitorId`, when identified). */
    save(p: SessionPayload, visitorId: string | undefined): void {
      if (!p || typeof p.token !== 'string' || typeof p.conversationId !== 'string') return;
      status = typeof p.status === 'string' ? p.status : null;
      session = { conversationId: p.conversationId, token: p.token };
      if (visitorId) session.visitorId = visitorId;
      store.save(session);
      conversationId.value = p.conversationId;
    },
    /** Drops the stored conversation (new visitor on this browser, or a token the server no longer accepts). */
    forget(): void {
      session = null;
      store.clear();
      conversationId.value = null;
    },
  };
}
