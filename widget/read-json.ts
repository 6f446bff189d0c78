import type { KeyValueStorage } from './safe-storage.js';

/** Parses stored JSON, returning undefined for anything unreadable instead of throwing. */
export function readJson(storage: KeyValueStorage, key: string): unknown {
  const raw = storage.get(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
