import type { Queryable } from '../db/db.js';
import type { Notification } from '../../protocol/responses/notifications.js';

/** A console notification (protocol/responses/notifications.ts). */
export type ConsoleNotification = Notification;
interface Row {
  id: number;
  user_id: string | null;
  kind: string;
  conversation_id: string | null;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}
const toNotification = (r: Row): ConsoleNotification => ({
  id: Number(r.id),
  userId: r.user_id,
  kind: r.kind,
  conversationId: r.conversation_id,
  title: r.title,
  body: r.body,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
});

/** Console notifications: to one agent, or (userId null) to every manager and admin. */
export function createNotificationRepository(db: Queryable) {
  return {
    async create(
      q: Queryable,
      n: {
        userId: string | null;
        kind: string;
        conversationId?: string | null;
        title: string;
        body?: string;
        at: Date;
      },
    ): Promise<ConsoleNotification> {
      const { rows } = await q.query<Row>(
        `INSERT INTO notifications (user_id, kind, conversation_id, title, ` +
          `body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [n.userId, n.kind, n.conversationId ?? null, n.title, n.body ?? '', n.at],
      );
      return toNotification(rows[0]!);
    },
    async listFor(user: { id: string; isManager: boolean }, limit = 50): Promise<ConsoleNotification[]> {
      const { rows } = await db.query<Row>(
        `SELECT * FROM notifications WHERE user_id = $1 OR ($2::boolean AND user_id IS NULL) ORDER BY id DESC LIMIT $3`,
        [user.id, user.isManager, limit],
      );
      return rows.map(toNotification);
    },
    async markRead(user: { id: string; isManager: boolean }, ids: number[], at: Date): Promise<void> {
      await db.query(
        `UPDATE notifications SET read_at = $3 WHERE id = ANY($1::bigint[]) ` +
          `AND read_at IS NULL AND (user_id = $2 OR ($4::boolean AND user_id IS NULL))`,
        [ids, user.id, at, user.isManager],
      );
    },
  };
}
export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
