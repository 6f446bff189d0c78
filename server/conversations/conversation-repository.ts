import { randomUUID } from 'node:crypto';
import type {
  ChatMessage,
  Citation,
  ConversationStatus,
  Handoff,
  PageInfo,
  Role,
  Signal,
  VisitorIdentity,
} from '../../protocol/domain.js';
import { RichText } from '../../protocol/rich-text.js';
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { Queryable } from '../db/db.js';
import type { SlaDeadlines } from '../sla/sla-policy.js';
import { queueOrderSql, queueScoreSql, scoreToPriority } from '../routing/priority.js';
import type { ConversationDetail, ConversationSummary, PageVisit, VisitorRecord } from './conversation-types.js';
import type { ConversationListItem, Decision } from '../../protocol/responses/conversations.js';
import { maskCardNumbers } from './mask-card-numbers.js';
import { addPendingTurnSql } from '../pipeline/pending-turns.js';
import { supportedLanguage, type Language } from '../../protocol/messages/languages.js';

const MAX_PAGE_TRAIL = 50;

const iso = (d: unknown): string => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString());
const isoOrNull = (d: unknown): string | null => (d == null ? null : iso(d));

export interface ConversationRow {
  id: string;
  visitor_id: string;
  status: ConversationStatus;
  assignee_id: string | null;
  page: PageInfo | null;
  page_trail: PageVisit[];
  handoff: Handoff | null;
  priority: number;
  ai_resolved: boolean;
  created_at: Date;
  updated_at: Date;
  handed_off_at: Date | null;
  resolved_at: Date | null;
  assigned_at: Date | null;
  first_human_response_at: Date | null;
  skill: string | null;
  tier: string | null;
  team_id: string | null;
  previous_assignee_id: string | null;
  offered_to: string | null;
  offer_expires_at: Date | null;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  sla_breached_at: Date | null;
  contact_email: string | null;
  handoff_count: number;
  language: string | null;
  browser_language: string | null;
}
export const toSummary = (r: ConversationRow): ConversationSummary => ({
  id: r.id,
  status: r.status,
  visitorId: r.visitor_id,
  assigneeId: r.assignee_id,
  page: r.page,
  priority: r.priority,
  handoff: r.handoff,
  aiResolved: r.ai_resolved,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  handedOffAt: isoOrNull(r.handed_off_at),
  resolvedAt: isoOrNull(r.resolved_at),
  assignedAt: isoOrNull(r.assigned_at),
  firstHumanResponseAt: isoOrNull(r.first_human_response_at),
  skill: r.skill,
  tier: r.tier,
  teamId: r.team_id,
  previousAssigneeId: r.previous_assignee_id,
  offeredTo: r.offered_to,
  offerExpiresAt: isoOrNull(r.offer_expires_at),
  firstResponseDueAt: isoOrNull(r.first_response_due_at),
  resolutionDueAt: isoOrNull(r.resolution_due_at),
  slaBreachedAt: isoOrNull(r.sla_breached_at),
  contactEmail: r.contact_email,
  handoffCount: r.handoff_count,
  language: supportedLanguage(r.language),
  browserLanguage: supportedLanguage(r.browser_language),
});

interface MessageRow {
  id: string;
  conversation_id: string;
  client_message_id: string | null;
  role: Role;
  author_name: string | null;
  text: string;
  citations: Citation[] | null;
  meta: Record<string, unknown>;
  created_at: Date;
}
export interface StoredMessage extends ChatMessage {
  meta: Record<string, unknown>;
}
const toMessage = (r: MessageRow): StoredMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  ...(r.client_message_id ? { clientMessageId: r.client_message_id } : {}),
  role: r.role,
  text: r.text,
  ...(r.author_name ? { authorName: r.author_name } : {}),
  ...(r.citations?.length ? { citations: r.citations } : {}),
  ...(typeof r.meta?.replyTo === 'string' ? { replyTo: r.meta.replyTo } : {}),
  ...richOf(r.meta),
  ...(Array.isArray(r.meta?.attachments) && r.meta.attachments.length
    ? { attachments: r.meta.attachments as AttachmentRef[] }
    : {}),
  createdAt: iso(r.created_at),
  meta: r.meta ?? {},
});

/** Rich text stored with an AI answer, only if it still passes the schema (links allow-listed). */
function richOf(meta: Record<string, unknown> | null): { rich?: RichText } {
  if (!meta || meta.rich === undefined) return {};
  const parsed = RichText.safeParse(meta.rich);
  return parsed.success && parsed.data.length ? { rich: parsed.data } : {};
}

export interface NewMessage {
  conversationId: string;
  role: Role;
  text: string;
  clientMessageId?: string;
  authorId?: string;
  authorName?: string;
  citations?: Citation[];
  meta?: Record<string, unknown>;
}

export type { ConversationListItem };

export function createConversationRepository(db: Queryable) {
  return {
    /**
     * Creates the visitor and conversation rows on first use; refreshes identity fields the host
     * app sent. A verified identity replaces what an unverified one had claimed; an unverified one
     * never overwrites a verified visitor's fields (and never makes it unverified). Returns the
     * conversation when this call created it, null when it existed.
     */
    async ensure(args: {
      conversationId: string;
      visitorId: string;
      identity?: VisitorIdentity;
      verified?: boolean;
      page?: PageInfo;
      browserLanguage?: Language | null;
    }): Promise<ConversationSummary | null> {
      const v = args.identity ?? {};
      const pick = (col: string) => `CASE WHEN visitors.verified AND NOT EXCLUDED.verified THEN visitors.${col}
                WHEN EXCLUDED.verified AND NOT visitors.verified THEN EXCLUDED.${col}
                ELSE COALESCE(EXCLUDED.${col}, visitors.${col}) END`;
      await db.query(
        `INSERT INTO visitors (id, name, email, plan, account_value, traits, verified)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET
           name = ${pick('name')},
           email = ${pick('email')},
           plan = ${pick('plan')},
           account_value = ${pick('account_value')},
           traits = CASE WHEN visitors.verified AND NOT EXCLUDED.verified THEN visitors.traits
                         WHEN EXCLUDED.verified AND NOT visitors.verified THEN EXCLUDED.traits
                         ELSE visitors.traits || EXCLUDED.traits END,
           verified = visitors.verified OR EXCLUDED.verified,
           updated_at = now()`,
        [
          args.visitorId,
          v.name ? maskCardNumbers(v.name) : null,
          v.email ?? null,
          v.plan ?? null,
          v.accountValue ?? null,
          JSON.stringify({
            ...(v.id ? { hostUserId: v.id } : {}),
            ...(v.renewalDate ? { renewalDate: v.renewalDate } : {}),
          }),
          args.verified === true,
        ],
      );
      const page = args.page ? JSON.stringify(args.page) : null;
      const trail = args.page
        ? JSON.stringify([{ url: args.page.url, title: args.page.title, at: new Date().toISOString() }])
        : '[]';
      const { rows } = await db.query<ConversationRow>(
        `INSERT INTO conversations (id, visitor_id, page, page_trail, browser_language) VALUES ($1, $2, $3::jsonb,
           $4::jsonb, $5)
         ON CONFLICT (id) DO NOTHING
         RETURNING *`,
        [args.conversationId, args.visitorId, page, trail, args.browserLanguage ?? null],
      );
      return rows[0] ? toSummary(rows[0]) : null;
    },

    /** The visitor's language (see server/i18n/detect-language.ts); true when it changed. */
    async setLanguage(id: string, language: Language): Promise<boolean> {
      const { rows } = await db.query(
        'UPDATE conversations SET language = $2 WHERE id = $1 AND language IS DISTINCT FROM $2 RETURNING id',
        [id, language],
      );
      return rows.length > 0;
    },

    async get(id: string): Promise<ConversationSummary | null> {
      const { rows } = await db.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1', [id]);
      return rows[0] ? toSummary(rows[0]) : null;
    },

    async detail(id: string): Promise<ConversationDetail | null> {
      const { rows } = await db.query<DetailRow>(detailSql(''), [id]);
      return rows[0] ? toDetail(rows[0]) : null;
    },

    /** What an AI turn starts from: the detail and every message in order, read in one statement. */
    async turnContext(id: string): Promise<{ detail: ConversationDetail; transcript: TranscriptEntry[] } | null> {
      const { rows } = await db.query<DetailRow & { transcript: TranscriptEntry[] | null }>(
        detailSql(`, (SELECT json_agg(json_build_object('id', m.id, 'role', m.role, 'text', m.text, 'meta', m.meta)
                                ORDER BY m.seq)
                        FROM messages m WHERE m.conversation_id = c.id) AS transcript`),
        [id],
      );
      const r = rows[0];
      // json_agg over no rows is NULL.
      return r ? { detail: toDetail(r), transcript: r.transcript ?? [] } : null;
    },

    /** The queued list comes in service order (`queueOrderSql`, as routing serves it); others by priority. */
    async list(status?: ConversationStatus, limit = 200, now = new Date()): Promise<ConversationListItem[]> {
      const order =
        status === 'queued'
          ? queueOrderSql('$3', 'c.')
          : 'c.priority DESC, COALESCE(c.handed_off_at, c.updated_at) ASC';
      const { rows } = await db.query<
        ConversationRow &
          VisitorColumns & {
            assignee_name: string | null;
            last_text: string | null;
            last_role: Role | null;
            last_at: Date | null;
            queue_score: number | null;
          }
      >(
        `SELECT c.*, ${VISITOR_COLUMNS}, u.name AS assignee_name,
                lm.text AS last_text, lm.role AS last_role, lm.created_at AS last_at,
                CASE WHEN c.status = 'queued' THEN ${queueScoreSql('$3', 'c.')} END AS queue_score
         FROM conversations c
         JOIN visitors v ON v.id = c.visitor_id
         LEFT JOIN users u ON u.id = c.assignee_id
         LEFT JOIN LATERAL (
           -- The last thing the visitor, the AI or an agent said; a system notice only when there is nothing else.
           SELECT text, role, created_at FROM messages m WHERE m.conversation_id = c.id ORDER BY (m.role <> 'system')
             DESC, seq DESC LIMIT 1
         ) lm ON true
         WHERE ($1::text IS NULL OR c.status = $1) AND lm.text IS NOT NULL
         ORDER BY ${order}
         LIMIT $2`,
        [status ?? null, limit, now.getTime()],
      );
      return rows.map((r) => ({
        ...toSummary(r),
        effectivePriority: r.queue_score == null ? r.priority : scoreToPriority(r.queue_score),
        visitor: toVisitor(r),
        assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
        lastMessage: r.last_text ? { text: r.last_text, role: r.last_role!, createdAt: iso(r.last_at) } : null,
      }));
    },

    /**
     * Idempotent on (conversation, clientMessageId): a resend returns the stored message and created=false.
     * One statement for a new message: the insert, the conversation's `updated_at` and, with
     * `owedTurnAt`, the pending turn the AI owes it (see pending-turns.ts). `withConversation`: a new
     * message also brings back its conversation as that statement left it.
     */
    async insertMessage(
      m: NewMessage,
      opts: { owedTurnAt?: Date; withConversation?: boolean } = {},
    ): Promise<{ message: StoredMessage; created: boolean; conversation?: ConversationSummary }> {
      const params: unknown[] = [
        randomUUID(),
        m.conversationId,
        m.clientMessageId ?? null,
        m.role,
        m.authorId ?? null,
        m.authorName ?? null,
        m.text,
        m.citations ? JSON.stringify(m.citations) : null,
        JSON.stringify(m.meta ?? {}),
      ];
      if (opts.owedTurnAt) params.push(opts.owedTurnAt);
      const { rows } = await db.query<MessageRow & { conversation_row?: ConversationRow | null }>(
        `WITH inserted AS (
           INSERT INTO messages (id, conversation_id, client_message_id, role, author_id, author_name, text,
             citations, meta)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)
           ON CONFLICT (conversation_id, client_message_id) DO NOTHING
           RETURNING *
         ),
         touched AS (UPDATE conversations SET updated_at = now() WHERE id = $2 AND EXISTS (SELECT 1 FROM inserted)
                     RETURNING *)
         ${opts.owedTurnAt ? `, owed AS (${addPendingTurnSql('inserted', '$10')})` : ''}
         SELECT *${opts.withConversation ? ', (SELECT to_jsonb(t) FROM touched t) AS conversation_row' : ''}
           FROM inserted`,
        params,
      );
      const row = rows[0];
      if (row) {
        const conversation = row.conversation_row ? toSummary(row.conversation_row) : undefined;
        return { message: toMessage(row), created: true, ...(conversation ? { conversation } : {}) };
      }
      const existing = await db.query<MessageRow>(
        'SELECT * FROM messages WHERE conversation_id = $1 AND client_message_id = $2',
        [m.conversationId, m.clientMessageId],
      );
      return { message: toMessage(existing.rows[0]!), created: false };
    },

    async setMessageMeta(messageId: string, meta: Record<string, unknown>): Promise<void> {
      await db.query('UPDATE messages SET meta = meta || $2::jsonb WHERE id = $1', [messageId, JSON.stringify(meta)]);
    },

    /** Messages in order; with afterId, only those stored after that message (reconnect resync). */
    async messages(conversationId: string, afterId?: string): Promise<StoredMessage[]> {
      const { rows } = await db.query<MessageRow>(
        `SELECT * FROM messages WHERE conversation_id = $1
           AND ($2::text IS NULL OR seq > COALESCE((SELECT seq FROM messages WHERE id = $2 AND conversation_id = $1),
             0))
         ORDER BY seq`,
        [conversationId, afterId ?? null],
      );
      return rows.map(toMessage);
    },

    async recordPage(conversationId: string, page: PageInfo): Promise<void> {
      const visit: PageVisit = {
        url: page.url,
        title: page.title,
        at: new Date().toISOString(),
        ...(page.context ? { context: page.context } : {}),
      };
      await db.query(
        `UPDATE conversations SET page = $2::jsonb,
           page_trail = CASE WHEN page_trail -> -1 ->> 'url' = $3 THEN page_trail
                        ELSE (CASE WHEN jsonb_array_length(page_trail) >= ${MAX_PAGE_TRAIL} THEN page_trail - 0
                          ELSE page_trail END) || $4::jsonb END,
           updated_at = now()
         WHERE id = $1`,
        [conversationId, JSON.stringify(page), page.url, JSON.stringify([visit])],
      );
    },

    /** Moves status only from one of `from`; returns null when another actor got there first. */
    async transition(
      id: string,
      from: ConversationStatus[],
      to: ConversationStatus,
      set: Partial<{ assigneeId: string | null; handoff: Handoff; priority: number; aiResolved: boolean }> = {},
    ): Promise<ConversationSummary | null> {
      const { rows } = await db.query<ConversationRow>(
        `UPDATE conversations SET status = $3, updated_at = now(),
           assignee_id = CASE WHEN $4::boolean THEN $5 ELSE assignee_id END,
           handoff = COALESCE($6::jsonb, handoff),
           priority = COALESCE($7::int, priority),
           ai_resolved = COALESCE($8::boolean, ai_resolved),
           handed_off_at = CASE WHEN $3 = 'queued' AND status <> 'queued' THEN now() ELSE handed_off_at END,
           assigned_at = CASE WHEN $3 = 'assigned' THEN now() ELSE assigned_at END,
           resolved_at = CASE WHEN $3 = 'resolved' THEN now() WHEN $3 = 'bot' THEN NULL ELSE resolved_at END,
           previous_assignee_id = CASE WHEN $3 = 'bot' AND status = 'resolved' THEN COALESCE(assignee_id,
             previous_assignee_id) ELSE previous_assignee_id END,
           offered_to = CASE WHEN $3 = 'queued' THEN offered_to ELSE NULL END
         WHERE id = $1 AND status = ANY($2::text[])
         RETURNING *`,
        [
          id,
          from,
          to,
          'assigneeId' in set,
          set.assigneeId ?? null,
          set.handoff ? JSON.stringify(set.handoff) : null,
          set.priority ?? null,
          set.aiResolved ?? null,
        ],
      );
      return rows[0] ? toSummary(rows[0]) : null;
    },

    /** bot -> queued with everything routing and SLA need; null when it was not with the bot. */
    async markHandedOff(
      id: string,
      h: { handoff: Handoff; skill: string | null; tier: string | null; due: SlaDeadlines; at: Date },
    ): Promise<ConversationSummary | null> {
      const { rows } = await db.query<ConversationRow>(
        `UPDATE conversations SET status = 'queued', assignee_id = NULL, handoff = $2::jsonb, priority = $3,
             skill = $4, tier = $5,
           first_response_due_at = $6, resolution_due_at = $7, handed_off_at = $8, updated_at = $8,
           first_response_warn_at = $9, resolution_warn_at = $10,
           sla_warned_at = NULL, sla_breached_at = NULL, first_human_response_at = NULL,
           offered_to = NULL, offer_expires_at = NULL, declined_by = '{}', handoff_count = handoff_count + 1
         WHERE id = $1 AND status = 'bot' RETURNING *`,
        [
          id,
          JSON.stringify(h.handoff),
          h.handoff.priority,
          h.skill,
          h.tier,
          h.due.firstResponseDueAt,
          h.due.resolutionDueAt,
          h.at,
          h.due.firstResponseWarnAt,
          h.due.resolutionWarnAt,
        ],
      );
      return rows[0] ? toSummary(rows[0]) : null;
    },

    async markFirstHumanResponse(id: string): Promise<void> {
      await db.query(
        'UPDATE conversations SET first_human_response_at = now() WHERE id = $1 AND first_human_response_at IS NULL',
        [id],
      );
    },

    /**
     * Queued conversations in service order (`queueOrderSql`, the router's order): effective priority, then who waited
     * longest.
     */
    async queue(
      now = new Date(),
    ): Promise<
      Array<{ id: string; priority: number; effectivePriority: number; handedOffAt: string; reason: string }>
    > {
      const { rows } = await db.query<{
        id: string;
        priority: number;
        handed_off_at: Date;
        reason: string | null;
        queue_score: number;
      }>(
        `SELECT id, priority, handed_off_at, handoff ->> 'reason' AS reason, ${queueScoreSql('$1')} AS queue_score
           FROM conversations
         WHERE status = 'queued' ORDER BY ${queueOrderSql('$1')}`,
        [now.getTime()],
      );
      return rows.map((r) => ({
        id: r.id,
        priority: r.priority,
        effectivePriority: scoreToPriority(r.queue_score),
        handedOffAt: iso(r.handed_off_at),
        reason: r.reason ?? '',
      }));
    },

    async recordEvent(e: {
      conversationId: string;
      type: string;
      actor?: string;
      from?: string | null;
      to?: string | null;
      data?: object;
    }): Promise<void> {
      await db.query(
        `INSERT INTO conversation_events (conversation_id, type, actor, ` +
          `from_status, to_status, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
        [e.conversationId, e.type, e.actor ?? null, e.from ?? null, e.to ?? null, JSON.stringify(e.data ?? {})],
      );
    },

    /** `messageMeta` is merged into the decided message's meta in the same statement (see setMessageMeta). */
    async recordDecision(d: {
      conversationId: string;
      messageId: string;
      action: string;
      reason: string;
      signals: Signal[];
      trace: unknown;
      messageMeta?: Record<string, unknown>;
    }): Promise<void> {
      await db.query(
        `WITH meta AS (UPDATE messages SET meta = meta || $7::jsonb WHERE id = $2 AND $7::jsonb IS NOT NULL)
         INSERT INTO decisions (conversation_id, message_id, action, reason, signals, trace)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
        [
          d.conversationId,
          d.messageId,
          d.action,
          d.reason,
          JSON.stringify(d.signals),
          JSON.stringify(d.trace),
          d.messageMeta ? JSON.stringify(d.messageMeta) : null,
        ],
      );
    },

    async decisions(conversationId: string): Promise<Decision[]> {
      // `signals` is stored as the policy's Signal[] (recordDecision).
      const { rows } = await db.query<{
        action: string;
        reason: string;
        signals: Signal[];
        trace: unknown;
        created_at: Date;
      }>('SELECT action, reason, signals, trace, created_at FROM decisions WHERE conversation_id = $1 ORDER BY id', [
        conversationId,
      ]);
      return rows.map((r) => ({
        action: r.action,
        reason: r.reason,
        signals: r.signals,
        trace: r.trace,
        createdAt: iso(r.created_at),
      }));
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;

type DetailRow = ConversationRow & VisitorColumns & { assignee_name: string | null };

/** A conversation with its visitor and assignee; `extra` adds columns. */
const detailSql = (extra: string) =>
  `SELECT c.*, ${VISITOR_COLUMNS}, u.name AS assignee_name${extra}
   FROM conversations c JOIN visitors v ON v.id = c.visitor_id LEFT JOIN users u ON u.id = c.assignee_id
   WHERE c.id = $1`;

const toDetail = (r: DetailRow): ConversationDetail => ({
  ...toSummary(r),
  visitor: toVisitor(r),
  pageTrail: r.page_trail ?? [],
  assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
});

/** A message as an AI turn reads the conversation so far. */
export type TranscriptEntry = Pick<StoredMessage, 'id' | 'role' | 'text' | 'meta'>;

const VISITOR_COLUMNS =
  `v.name AS v_name, v.email AS v_email, v.plan AS v_plan, ` +
  `v.account_value AS v_account_value, v.traits AS v_traits, v.verified AS v_verified`;
interface VisitorColumns {
  visitor_id: string;
  v_name: string | null;
  v_email: string | null;
  v_plan: string | null;
  v_account_value: number | null;
  v_traits: Record<string, unknown>;
  v_verified: boolean | null;
}
function toVisitor(r: VisitorColumns): VisitorRecord {
  const t = r.v_traits ?? {};
  return {
    id: r.visitor_id,
    ...(r.v_name ? { name: r.v_name } : {}),
    ...(r.v_email ? { email: r.v_email } : {}),
    ...(r.v_plan ? { plan: r.v_plan } : {}),
    ...(r.v_account_value != null ? { accountValue: Number(r.v_account_value) } : {}),
    ...(typeof t.renewalDate === 'string' ? { renewalDate: t.renewalDate } : {}),
    ...(typeof t.hostUserId === 'string' ? { externalId: t.hostUserId } : {}),
    verified: r.v_verified === true,
  };
}
