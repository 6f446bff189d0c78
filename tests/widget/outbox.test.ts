import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../widget/outbox.js';
import { createMemoryStorage, createSafeStorage } from '../../widget/safe-storage.js';

const item = (n: number) => ({ clientMessageId: `c-${n}`, text: `m${n}`, createdAt: new Date(n * 1000).toISOString() });

describe('outbox', () => {
  it('persists unacked messages so a reload can re-send them', () => {
    const storage = createMemoryStorage();
    const a = createOutbox(storage, 'k');
    a.add(item(1));
    a.add(item(2));
    const afterReload = createOutbox(storage, 'k');
    expect(afterReload.list().map((i) => i.clientMessageId)).toEqual(['c-1', 'c-2']);
  });

  it('removes acked messages and forgets the key when empty', () => {
    const storage = createMemoryStorage();
    const box = createOutbox(storage, 'k');
    box.add(item(1));
    expect(box.remove('c-1')).toBe(true);
    expect(box.remove('c-1')).toBe(false);
    expect(storage.get('k')).toBeNull();
  });

  it('does not queue the same clientMessageId twice', () => {
    const box = createOutbox(createMemoryStorage(), 'k');
    box.add(item(1));
    box.add(item(1));
    expect(box.list()).toHaveLength(1);
  });

  it('is bounded, dropping the oldest', () => {
    const box = createOutbox(createMemoryStorage(), 'k', 3);
    for (let n = 1; n <= 5; n++) box.add(item(n));
    expect(box.list().map((i) => i.clientMessageId)).toEqual(['c-3', 'c-4', 'c-5']);
  });

  it('ignores corrupt or foreign data in storage', () => {
    const storage = createMemoryStorage();
    storage.set('k', '{not json');
    expect(createOutbox(storage, 'k').list()).toEqual([]);
    storage.set('k', JSON.stringify([{ clientMessageId: 1 }, item(7), 'x']));
    expect(createOutbox(storage, 'k').list()).toEqual([item(7)]);
  });

  it('keeps working in memory when storage throws', () => {
    const blocked = createSafeStorage(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const box = createOutbox(blocked, 'k');
    box.add(item(1));
    expect(box.list()).toHaveLength(1);
  });
});

describe('outbox shared by tabs of the same visitor', () => {
  it('a tab never overwrites what another tab typed and has not sent yet', () => {
    const backing = new Map<string, string>();
    const local = {
      getItem: (k: string) => backing.get(k) ?? null,
      setItem: (k: string, v: string) => void backing.set(k, v),
      removeItem: (k: string) => void backing.delete(k),
    } as unknown as Storage;
    const tabA = createOutbox(
      createSafeStorage(() => local),
      'k',
    );
    const tabB = createOutbox(
      createSafeStorage(() => local),
      'k',
    );
    tabA.add(item(1)); // typed offline in tab A
    tabB.add(item(2)); // typed offline in tab B
    // Tab A is closed; tab B, back online, sends both, in the order they were typed.
    expect(tabB.list().map((i) => i.clientMessageId)).toEqual(['c-1', 'c-2']);
    expect(tabB.remove('c-1')).toBe(true);
    expect(tabA.list().map((i) => i.clientMessageId)).toEqual(['c-2']);
  });
});
