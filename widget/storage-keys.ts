import type { KeyValueStorage } from './safe-storage.js';

export interface StorageKeys {
  session: string;
  outbox: string;
}

/**
 * Storage keys for one Firstline server. Web Storage is already per host-page origin; including
 * the server origin keeps two Firstline installations on one site apart. The loader owns this and
 * hands the keys to the chat, so the two never carry a copy each.
 */
export function storageKeys(serverUrl: string): StorageKeys {
  const base = `firstline:v1:${serverUrl}`;
  return { session: `${base}:session`, outbox: `${base}:outbox` };
}

/**
 * Whether a conversation is running on this browser (a stored session) or something typed is still
 * unsent: then the loader fetches the chat at once instead of waiting for a click or idle time.
 * A cheap presence check; the chat validates what it finds.
 */
export function hasStoredConversation(storage: KeyValueStorage, keys: StorageKeys): boolean {
  const outbox = storage.get(keys.outbox);
  return storage.get(keys.session) !== null || (outbox !== null && outbox !== '[]');
}
