import type { PageInfo } from '../protocol/domain.js';
import type { AttachmentRef } from '../protocol/attachments.js';
import { readJson } from './read-json.js';
import type { KeyValueStorage } from './safe-storage.js';

/** A visitor message the server has not acknowledged yet. */
export interface OutboxItem {
  clientMessageId: string;
  text: string;
  createdAt: string;
  page?: PageInfo;
  /** Sent by "Talk to a person". */
  human?: true;
  /** Uploaded already; the message carries their ids. */
  attachments?: AttachmentRef[];
}

export interface Outbox {
  list(): OutboxItem[];
  add(item: OutboxItem): void;
  /** Returns true when the item was there. */
  remove(clientMessageId: string): boolean;
  clear(): void;
}

/**
 * Unacknowledged messages, persisted so a reload or a dropped connection does not lose what the
 * visitor typed. Re-sending is safe because the server dedupes by clientMessageId. Every call reads
 * storage afresh: tabs of the same visitor share the outbox, so a message typed offline in a tab
 * that is then closed is still sent by another, and no tab overwrites another's unsent messages.
 */
export function createOutbox(storage: KeyValueStorage, key: string, max = 50): Outbox {
  function load(): OutboxItem[] {
    const raw = readJson(storage, key);
    if (!Array.isArray(raw)) return [];
    return raw.filter(isItem).slice(-max);
  }
  function save(items: OutboxItem[]): void {
    if (items.length === 0) storage.remove(key);
    else storage.set(key, JSON.stringify(items));
  }

  return {
    list: load,
    add(item) {
      const items = load();
      if (items.some((i) => i.clientMessageId === item.clientMessageId)) return;
      // Bounded so a long-offline tab cannot fill storage; the oldest unsent message gives way.
      save([...items, item].slice(-max));
    },
    remove(clientMessageId) {
      const items = load();
      const rest = items.filter((i) => i.clientMessageId !== clientMessageId);
      if (rest.length === items.length) return false;
      save(rest);
      return true;
    },
    clear() {
      save([]);
    },
  };
}

function isItem(v: unknown): v is OutboxItem {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.clientMessageId === 'string' && typeof o.text === 'string' && typeof o.createdAt === 'string';
}
