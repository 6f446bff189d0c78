import type { Db } from '../db/db.js';

/**
 * Presence that survives crashes and clusters: each node stamps `last_seen_at` for the agents
 * it holds sockets for; an online agent nobody has stamped within the grace period is away.
 */
export function createPresenceTracker(deps: { db: Db; graceSeconds: number }) {
  return {
    async heartbeat(agentIds: readonly string[], now: Date): Promise<void> {
      if (agentIds.length === 0) return;
      await deps.db.query(
        `UPDATE users SET last_seen_at = $2, presence = CASE WHEN presence = 'offline' OR presence = 'away'
           THEN 'online' ELSE presence END
         WHERE id = ANY($1::text[])`,
        [agentIds, now],
      );
    },
    /** Returns how many agents went away, so callers can re-route and refresh ETAs. */
    async sweep(now: Date): Promise<number> {
      const { rows } = await deps.db.query<{ id: string }>(
        `UPDATE users SET presence = 'away'
         WHERE presence = 'online' AND (last_seen_at IS NULL OR last_seen_at < $1) RETURNING id`,
        [new Date(now.getTime() - deps.graceSeconds * 1000)],
      );
      return rows.length;
    },
  };
}
export type PresenceTracker = ReturnType<typeof createPresenceTracker>;
