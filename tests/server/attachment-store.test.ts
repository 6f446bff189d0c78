import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbAttachmentStore, type AttachmentStore } from '../../server/attachments/attachment-store.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';

/** The AttachmentStore contract; an object-store implementation runs the same cases. */
function storeContract(name: string, open: () => Promise<{ store: AttachmentStore; close: () => Promise<void> }>) {
  describe(`attachment store contract: ${name}`, () => {
    let store: AttachmentStore;
    let close: () => Promise<void>;
    beforeAll(async () => ({ store, close } = await open()));
    afterAll(async () => close?.());

    it('gives back exactly the bytes put, including NUL and high bytes', async () => {
      const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
      await store.put('conv-1/a', bytes, 'image/png');
      expect(Buffer.from((await store.get('conv-1/a'))!).equals(Buffer.from(bytes))).toBe(true);
    });

    it('replaces on a second put, and forgets on delete', async () => {
      await store.put('conv-1/b', Uint8Array.of(1, 2, 3), 'application/pdf');
      await store.put('conv-1/b', Uint8Array.of(9), 'application/pdf');
      expect(Array.from((await store.get('conv-1/b'))!)).toEqual([9]);
      await store.delete('conv-1/b');
      expect(await store.get('conv-1/b')).toBeNull();
      await store.delete('conv-1/b'); // deleting twice is fine
    });

    it('returns null for a key never stored', async () => {
      expect(await store.get('nobody/nothing')).toBeNull();
    });
  });
}

let tdb: TestDb;
storeContract(`database (${dbKind})`, async () => {
  tdb = await openTestDb();
  return { store: createDbAttachmentStore(tdb.db), close: () => tdb.dispose() };
});
