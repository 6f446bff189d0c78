import type { Queryable } from '../db/db.js';

/**
 * Whether any console webhook endpoint is enabled, as this process last saw it. The outbox fans
 * an event out over the endpoints only when one is, so an install without endpoints pays one plain
 * insert per event (WEBHOOK_URL) as before. Refreshed at once on changes made here and on every
 * sweep (the `webhookEndpoints` job), so an endpoint added on another node starts receiving this
 * node's events within one sweep interval.
 */
export function createEndpointPresence(db: Queryable) {
  let any = false;
  return {
    any: () => any,
    async refresh(): Promise<boolean> {
      const { rows } = await db.query<{ any: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled) AS any`,
      );
      any = rows[0]?.any === true;
      return any;
    },
  };
}
export type EndpointPresence = ReturnType<typeof createEndpointPresence>;
