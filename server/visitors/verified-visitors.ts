import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db.js';

export interface VisitorSession {
  visitorId: string;
  conversationId: string;
}

/**
 * Where a verified identity continues. `external_id` (the host app's user id) is only ever set
 * for verified visitors, so only a proven id finds earlier history; unverified ids never do.
 */
export function createVerifiedVisitors(db: Queryable) {
  async function byExternalId(externalId: string): Promise<string | null> {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM visitors WHERE external_id = $1', [externalId]);
    return rows[0]?.id ?? null;
  }

  async function openConversation(visitorId: string): Promise<string | null> {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM conversations WHERE visitor_id = $1 AND status <> 'resolved' ORDER BY updated_at DESC LIMIT 1`,
      [visitorId],
    );
    return rows[0]?.id ?? null;
  }

  /** Gives `visitorId` the external id unless someone else holds it; returns who holds it now. */
  async function link(visitorId: string, externalId: string): Promise<string | null> {
    // Two devices verifying at once both try; the unique index lets one win, and both read the winner.
    await db.query(
      `INSERT INTO visitors (id, external_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING`,
      [visitorId, externalId],
    );
    await db
      .query(
        `UPDATE visitors SET external_id = $2, updated_at = now()
       WHERE id = $1 AND external_id IS NULL AND NOT EXISTS (SELECT 1 FROM visitors WHERE external_id = $2)`,
        [visitorId, externalId],
      )
      .catch(async (err: unknown) => {
        // Lost the race to another device: the other row is the visitor now.
        if (!(await byExternalId(externalId))) throw err;
      });
    return byExternalId(externalId);
  }

  return {
    /**
     * The session of a socket whose identity is verified as `externalId`, given the visitor token
     * it came with (if any): the same session when the token is already this person's; this
     * browser's visitor becomes them on first sight; an anonymous conversation on this browser
     * joins them; otherwise their open conversation (another device), or a new one for them. A
     * token of another verified person (a shared computer) is not theirs and is set aside.
     */
    async resume(externalId: string, token: VisitorSession | null): Promise<VisitorSession & { resumed: boolean }> {
      let holder = await byExternalId(externalId);
      if (token) {
        if (holder === token.visitorId) return { ...token, resumed: false };
        const { rows } = await db.query<{ external_id: string | null }>(
          'SELECT external_id FROM visitors WHERE id = $1',
          [token.visitorId],
        );
        const anonymous = !rows[0] || rows[0].external_id === null;
        if (anonymous && !holder) {
          holder = await link(token.visitorId, externalId);
          if (holder === token.visitorId) return { ...token, resumed: false };
        }
        if (anonymous && holder) {
          const moved = await db.query<{ id: string }>(
            'UPDATE conversations SET visitor_id = $3, updated_at = now() ' +
              'WHERE id = $1 AND visitor_id = $2 RETURNING id',
            [token.conversationId, token.visitorId, holder],
          );
          if (moved.rows[0]) return { visitorId: holder, conversationId: token.conversationId, resumed: false };
        }
      }
      if (!holder) holder = await link(randomUUID(), externalId);
      if (!holder) throw new Error(`could not record verified visitor ${externalId}`);
      const open = await openConversation(holder);
      return { visitorId: holder, conversationId: open ?? randomUUID(), resumed: open !== null };
    },
  };
}
export type VerifiedVisitors = ReturnType<typeof createVerifiedVisitors>;
