import type { Queryable } from '../db/db.js';

/** A visitor message the AI still owes a pipeline run. */
export interface PendingTurn {
  messageId: string;
  conversationId: string;
  seq: number;
  /** When the message was stored (the service's clock). */
  createdAt: Date;
  /** Runs started so far (this one included, after `start`). */
  attempts: number;
}

interface PendingTurnRow {
  message_id: string;
  conversation_id: string;
  seq: number | string;
  created_at: Date | string;
  attempts: number;
}
const toTurn = (r: PendingTurnRow): PendingTurn => ({
  messageId: r.message_id,
  conversationId: r.conversation_id,
  seq: Number(r.seq),
  createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
  attempts: r.attempts,
});

/** Only the oldest pending turn of its conversation may run: turns are answered in order. */
const IS_HEAD =
  `NOT EXISTS (SELECT 1 FROM pending_turns e WHERE ` + `e.conversation_id = t.conversation_id AND e.seq < t.seq)`;

/**
 * The statement that marks the messages of `source` (a CTE or table with id, conversation_id and
 * seq) as owed a run, stored at the parameter `atParam`; the visitor message's insert uses it as
 * one of its CTEs, so storing a message and its turn is one round trip.
 */
export function addPendingTurnSql(source: string, atParam: string): string {
  return `INSERT INTO pending_turns (message_id, conversation_id, seq, created_at)
    SELECT id, conversation_id, seq, ${atParam} FROM ${source}
    ON CONFLICT (message_id) DO NOTHING`;
}

/**
 * The durable marker "the AI owes this visitor message a run" (table `pending_turns`). A run holds
 * its turn with a token and a lease; only the holder can `complete` it, inside the transaction that
 * commits the run's outcome. However runs race (a slow node, a recovered node), one outcome commits.
 */
export function createPendingTurns(db: Queryable) {
  return {
    /** In the visitor message's transaction (the message insert can also do it: `addPendingTurnSql`). */
    async add(messageId: string, at: Date): Promise<void> {
      await db.query(
        `WITH message AS (SELECT id, conversation_id, seq FROM messages ` +
          `WHERE id = $1) ${addPendingTurnSql('message', '$2')}`,
        [messageId, at],
      );
    },

    /**
     * Starts a run of this turn for `token` when it is its conversation's oldest and nobody else holds
     * it. Null: it is done, another run holds it, or an earlier turn has to go first.
     */
    async start(messageId: string, token: string, leaseUntil: Date): Promise<PendingTurn | null> {
      const { rows } = await db.query<PendingTurnRow>(
        `UPDATE pending_turns t SET claim_token = $2, lease_until = $3, attempts = t.attempts + 1
         WHERE t.message_id = $1 AND (t.claim_token IS NULL OR t.claim_token = $2) AND ${IS_HEAD}
         RETURNING t.*`,
        [messageId, token, leaseUntil],
      );
      return rows[0] ? toTurn(rows[0]) : null;
    },

    /** Extends a running turn's lease; false when it is done or was taken over. */
    async renew(messageId: string, token: string, leaseUntil: Date): Promise<boolean> {
      const { rows } = await db.query(
        'UPDATE pending_turns SET lease_until = $3 WHERE message_id = $1 AND claim_token = $2 RETURNING message_id',
        [messageId, token, leaseUntil],
      );
      return rows.length > 0;
    },

    /** In the outcome's transaction: removes the turn if `token` still holds it. False: roll back. */
    async complete(messageId: string, token: string): Promise<boolean> {
      const { rows } = await db.query(
        'DELETE FROM pending_turns WHERE message_id = $1 AND claim_token = $2 RETURNING message_id',
        [messageId, token],
      );
      return rows.length > 0;
    },

    /**
     * Takes over, for `token`, every pending turn of up to `limit` conversations whose oldest turn
     * nobody runs: never started though stored before `unstartedBefore`, or its lease ran out by
     * `now`. The oldest turns are locked with SKIP LOCKED, so two nodes never take the same one.
     * Returned oldest first. `exclude`: messages the caller runs or has queued already (their
     * conversations are not claimed for it). `liveTokens`: the tokens of every node known to be
     * alive; a turn held under any other token is taken at once, its lease notwithstanding.
     */
    async claimDue(args: {
      token: string;
      now: Date;
      unstartedBefore: Date;
      leaseUntil: Date;
      limit: number;
      exclude?: readonly string[];
      liveTokens?: readonly string[];
    }): Promise<PendingTurn[]> {
      const params: unknown[] = [args.token, args.leaseUntil, args.unstartedBefore, args.now, args.limit];
      const param = (value: unknown) => `$${params.push(value)}`;
      const excluded = args.exclude?.length ? ` AND NOT (t.message_id = ANY(${param(args.exclude)}::text[]))` : '';
      const orphaned = args.liveTokens
        ? ` OR (t.claim_token IS NOT NULL AND NOT (t.claim_token = ANY(${param(args.liveTokens)}::text[])))`
        : '';
      const { rows } = await db.query<PendingTurnRow>(
        `WITH heads AS MATERIALIZED (
           SELECT t.conversation_id FROM pending_turns t
           WHERE ((t.lease_until IS NULL AND t.created_at <= $3) OR t.lease_until <= $4${orphaned})
             AND ${IS_HEAD}${excluded}
           ORDER BY t.created_at
           LIMIT $5
           FOR UPDATE SKIP LOCKED
         )
         UPDATE pending_turns p SET claim_token = $1, lease_until = $2
         FROM heads WHERE p.conversation_id = heads.conversation_id
         RETURNING p.message_id, p.conversation_id, p.seq, p.created_at, p.attempts`,
        params,
      );
      return rows.map(toTurn).sort((a, b) => a.seq - b.seq);
    },

    /** How many turns are still owed (tests, health). */
    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pending_turns');
      return rows[0]?.n ?? 0;
    },
  };
}
export type PendingTurns = ReturnType<typeof createPendingTurns>;
