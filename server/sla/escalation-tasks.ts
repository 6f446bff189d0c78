import type { Queryable } from '../db/db.js';

export interface EscalationTask {
  id: number;
  conversationId: string;
  kind: string;
  reason: string;
  status: string;
  dueAt: string | null;
  createdAt: string;
}

/** The escalation tasks the SLA sweeper opens (sla-sweeper.ts), as the console lists them. */
export function createEscalationTasks(db: Queryable) {
  return {
    /** The newest 200 open tasks, newest first. */
    async open(): Promise<EscalationTask[]> {
      const { rows } = await db.query<{
        id: number;
        conversation_id: string;
        kind: string;
        reason: string;
        status: string;
        due_at: Date | null;
        created_at: Date;
      }>(`SELECT * FROM escalation_tasks WHERE status = 'open' ORDER BY id DESC LIMIT 200`);
      return rows.map((r) => ({
        id: Number(r.id),
        conversationId: r.conversation_id,
        kind: r.kind,
        reason: r.reason,
        status: r.status,
        dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
        createdAt: r.created_at.toISOString(),
      }));
    },
  };
}

export type EscalationTasks = ReturnType<typeof createEscalationTasks>;
