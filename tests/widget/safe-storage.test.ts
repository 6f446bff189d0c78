import { describe, expect, it } from 'vitest';
import { readJson } from '../../widget/read-json.js';
import { createSafeStorage } from '../../widget/safe-storage.js';
import { createSessionStore } from '../../widget/session-store.js';
import { storageKeys } from '../../widget/storage-keys.js';

/** A Storage stand-in whose methods can be made to throw. */
function fakeStorage(fail: { get?: boolean; set?: boolean; remove?: boolean } = {}): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem(k: string) {
      if (fail.get) throw new DOMException('denied', 'SecurityError');
      return map.get(k) ?? null;
    },
    setItem(k: string, v: string) {
      if (fail.set) throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem(k: string) {
      if (fail.remove) throw new DOMException('denied', 'SecurityError');
      map.delete(k);
    },
  };
}

describe('safe storage', () => {
  it('reads what another tab wrote or removed (the real storage is the truth while it works)', () => {
    const local = fakeStorage();
    const tabA = createSafeStorage(() => local);
    const tabB = createSafeStorage(() => local);
    tabA.set('k', '1');
    expect(tabB.get('k')).toBe('1');
    tabB.remove('k');
    expect(tabA.get('k')).toBeNull();
  });

  it('uses the real storage when it works', () => {
    const backend = fakeStorage();
    const s = createSafeStorage(() => backend);
    s.set('a', '1');
    expect(backend.getItem('a')).toBe('1');
    expect(s.get('a')).toBe('1');
    s.remove('a');
    expect(backend.getItem('a')).toBeNull();
  });

  it('survives storage whose very access throws (blocked cookies, sandboxed iframe)', () => {
    const s = createSafeStorage(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    expect(() => s.set('a', '1')).not.toThrow();
    expect(s.get('a')).toBe('1'); // served from memory for this page view
    expect(() => s.remove('a')).not.toThrow();
    expect(s.get('a')).toBeNull();
  });

  it('survives a full quota and failing reads', () => {
    const s = createSafeStorage(() => fakeStorage({ set: true, get: true, remove: true }));
    s.set('a', '1');
    expect(s.get('a')).toBe('1');
    s.remove('a');
    expect(s.get('a')).toBeNull();
  });

  it('readJson returns undefined for unreadable data', () => {
    const s = createSafeStorage(() => fakeStorage());
    s.set('bad', '{');
    expect(readJson(s, 'bad')).toBeUndefined();
    expect(readJson(s, 'missing')).toBeUndefined();
  });
});

describe('session store', () => {
  it('round-trips a session and rejects malformed ones', () => {
    const local = fakeStorage();
    const s = createSafeStorage(() => local);
    const store = createSessionStore(s, 'k');
    expect(store.load()).toBeNull();
    store.save({ conversationId: 'c1', token: 't1', visitorId: 'u1' });
    expect(store.load()).toEqual({ conversationId: 'c1', token: 't1', visitorId: 'u1' });
    s.set('k', JSON.stringify({ conversationId: 'c1', token: '' }));
    expect(store.load()).toBeNull();
    store.clear();
    expect(s.get('k')).toBeNull();
  });

  it('keys are per Firstline server', () => {
    expect(storageKeys('https://a.example').session).not.toBe(storageKeys('https://b.example').session);
  });
});
