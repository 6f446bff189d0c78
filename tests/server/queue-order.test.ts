import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../server/conversations/conversation-repository.js';
import { compareQueued, effectivePriority, queueOrderSql, type QueuedForOrder } from '../../server/routing/priority.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { fakeClock } from '../helpers/test-server.js';

/**
 * One formula, two implementations: the TypeScript comparator and the SQL the router and the
 * queue-position code sort by must agree on every row, at every moment.
 */
describe(`queue order: SQL equals the TypeScript formula (${dbKind})`, () => {
  let tdb: TestDb;
  const t0 = new Date('2030-03-04T10:00:00.000Z');
  const clock = fakeClock(t0);
  const rows: QueuedForOrder[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    await tdb.db.query(`INSERT INTO visitors (id) VALUES ('v-order')`);
    // Deterministic pseudo-random rows: priorities 0..100, handoffs spread over two hours to the millisecond.
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 60; i++) {
      rows.push({
        id: `c-${i}`,
        priority: Math.floor(rand() * 101),
        handedOffAt: new Date(t0.getTime() - Math.floor(rand() * 7_200_000)),
      });
    }
    // Ties the formula must break the same way: equal score (10 points = 10 minutes), equal
    // everything but the id (ids that sort differently in a language collation), and a handoff
    // stamped after "now" on a skewed node.
    const tie = new Date(t0.getTime() - 600_000);
    rows.push({ id: 'tie-old', priority: 50, handedOffAt: new Date(tie.getTime() - 600_000) });
    rows.push({ id: 'tie-new', priority: 60, handedOffAt: tie });
    for (const id of ['ab', 'a-c', 'B1', 'b0']) rows.push({ id, priority: 55, handedOffAt: tie });
    rows.push({ id: 'future', priority: 45, handedOffAt: new Date(t0.getTime() + 90_000) });
    for (const r of rows) {
      await tdb.db.query(
        `INSERT INTO conversations (id, visitor_id, status, priority, ` +
          `handed_off_at) VALUES ($1, 'v-order', 'queued', $2, $3)`,
        [r.id, r.priority, r.handedOffAt],
      );
      await tdb.db.query(`INSERT INTO messages (id, conversation_id, role, text) VALUES ($1, $2, 'visitor', 'hello')`, [
        `m-${r.id}`,
        r.id,
      ]);
    }
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('sorts and scores every row the same way in SQL and TypeScript as the clock moves', async () => {
    const repo = createConversationRepository(tdb.db);
    // From before some handoffs, through the 30-minute cap, to long after everyone is capped.
    for (const step of [0, 0.75, 60, 17.5 * 60, 29 * 60 + 59.999, 45 * 60, 3 * 3600]) {
      clock.advance(step);
      const now = clock();
      const expected = [...rows].sort((a, b) => compareQueued(a, b, now));
      const queue = await repo.queue(now);
      expect(queue.map((q) => q.id)).toEqual(expected.map((r) => r.id));
      for (const q of queue) {
        const r = rows.find((x) => x.id === q.id)!;
        expect(q.effectivePriority).toBe(effectivePriority(r.priority, r.handedOffAt, now));
      }
      const listed = await repo.list('queued', 500, now);
      expect(listed.map((c) => c.id)).toEqual(expected.map((r) => r.id));
      expect(listed.map((c) => c.effectivePriority)).toEqual(queue.map((q) => q.effectivePriority));
      // The router's ORDER BY (same builder, its own placeholder).
      const routed = await tdb.db.query<{ id: string }>(
        `SELECT id FROM conversations WHERE status = 'queued' ` +
          `AND $1::timestamptz IS NOT NULL ORDER BY ${queueOrderSql('$2')}`,
        [now, now.getTime()],
      );
      expect(routed.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    }
  });

  it('really does move a long-waiting chat ahead of higher ones', async () => {
    const now = new Date(t0.getTime() + 10 * 60_000);
    const queue = await createConversationRepository(tdb.db).queue(now);
    const pos = (id: string) => queue.findIndex((q) => q.id === id);
    expect(pos('tie-old')).toBeLessThan(pos('tie-new')); // 10 points lower, 10 minutes older: tie, older first
    expect(pos('a-c')).toBeLessThan(pos('ab')); // byte order, as JavaScript compares
    const inversions = queue.filter((q, i) => i > 0 && q.priority > queue[i - 1]!.priority).length;
    expect(inversions).toBeGreaterThan(0);
  });
});
