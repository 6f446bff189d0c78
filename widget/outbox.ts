import type { PageInfo } from '../protocol/domain.js';
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
 * visitor typed. Re-sending is safe because the server dedupes by clientMessageId.
 */
export function createOutbox(storage: KeyValueStorage, key: string, max = 50): Outbox {
  let items = load();

  function load(): OutboxItem[] {
    const raw = readJson(storage, key);
    if (!Array.isArray(raw)) return [];
    return raw.filter(isItem).slice(-max);
  }
  function save(): void {
    if (items.length === 0) storage.remove(key);
    else storage.set(key, JSON.stringify(items));
  }

  return {
    list: () => items.slice(),
    add(item) {
      if (items.some((i) => i.clientMessageId === item.clientMessageId)) return;
      // Bounded so a long-offline tab cannot fill storage; the oldest unsent message gives way.
      items = [...items, item].slice(-max);
      save();
    },
    remove(clientMessageId) {
      const before = items.length;
      items = items.filter((i) => i.clientMessageId !== clientMessageId);
      if (items.length === before) return false;
      save();
      return true;
    },
    clear() {
      items = [];
      save();
    },
  };
}

function isItem(v: unknown): v is OutboxItem {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.clientMessageId === 'string' && typeof o.text === 'string' && typeof o.createdAt === 'string';
}
