import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, openTestDb, type TestDb } from '../../helpers/test-db.js';

/**
 * The widget orders a transcript by message time, the stored transcript by insertion (seq): the two
 * agree only if a message's time is taken when it is inserted. A reply inserted late in a long
 * transaction used to carry the transaction's start time, earlier than a visitor message stored
 * meanwhile, and the widget showed the handoff notice above the message it followed.
 */
describe(`message times follow insertion order (${dbKind})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
    await t.db.query(`INSERT INTO visitors (id) VALUES ('v-time')`);
    await t.db.query(`INSERT INTO conversations (id, visitor_id) VALUES ('c-time', 'v-time')`);
  }, 120_000);
  afterAll(() => t?.dispose());

  it('stamps each message when it is inserted, not when its transaction began', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO messages (id, conversation_id, role, text) VALUES ('m-1', 'c-time', 'visitor', 'first')`,
      );
      await new Promise((r) => setTimeout(r, 25));
      await tx.query(
        `INSERT INTO messages (id, conversation_id, role, text) VALUES ('m-2', 'c-time', 'system', 'second')`,
      );
    });
    const { rows } = await t.db.query<{ id: string; created_at: Date }>(
      `SELECT id, created_at FROM messages WHERE conversation_id = 'c-time' ORDER BY seq`,
    );
    expect(rows.map((r) => r.id)).toEqual(['m-1', 'm-2']);
    expect(new Date(rows[1]!.created_at).getTime() - new Date(rows[0]!.created_at).getTime()).toBeGreaterThanOrEqual(
      20,
    );
  });
});
