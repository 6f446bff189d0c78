import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Db } from '../db/db.js';
import { notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { enqueueDelivery } from '../notifications/outbox.js';
import { bugFingerprint, similarity } from './bug-fingerprint.js';
import { draftBugReport, type BugReportDraft } from './bug-report-draft.js';
import { say } from '../../protocol/messages/catalogue.js';
import { supportedLanguage } from '../../protocol/messages/languages.js';
import { createLinearIssue, type LinearConfig } from './linear-client.js';
import { toRef, type AttachmentRow } from '../attachments/attachment-rows.js';
import { megabytes } from '../attachments/attachment-service.js';
import type { BugAttachment, BugReport } from '../../protocol/responses/bug-reports.js';

export type { BugAttachment, BugReport };

/** Words this alike (Jaccard) on the same page are the same bug. */
const MERGE_SIMILARITY = 0.6;

/** Turns conversations into bug reports: drafted, merged with similar ones, sent to Linear or the webhook. */
export function createBugReportService(deps: {
  db: Db;
  conversations: ConversationService;
  clock: Clock;
  log: Logger;
  linear?: LinearConfig;
  webhookUrl?: string;
  fetch?: typeof fetch;
}) {
  const { db } = deps;

  async function draftFor(conversationId: string) {
    const detail = await deps.conversations.repo.detail(conversationId);
    if (!detail) throw notFound('Conversation');
    const messages = await deps.conversations.repo.messages(conversationId);
    return {
      detail,
      draft: draftBugReport({ messages, page: detail.page, pageTrail: detail.pageTrail }),
      attachments: await attachmentsOf({ conversationId }),
    };
  }

  /** The attachments on messages of one conversation, or of every conversation linked to reports. */
  async function attachmentsOf(
    where: { conversationId: string } | { reportId: string | null },
  ): Promise<Array<BugAttachment & { reportId?: string }>> {
    if ('conversationId' in where) {
      const { rows } = await db.query<AttachmentRow>(
        'SELECT * FROM attachments WHERE conversation_id = $1 AND message_id IS NOT NULL ORDER BY created_at, id',
        [where.conversationId],
      );
      return rows.map((r) => ({ ...toRef(r), conversationId: r.conversation_id }));
    }
    const { rows } = await db.query<AttachmentRow & { bug_report_id: string }>(
      `SELECT a.*, bc.bug_report_id FROM attachments a JOIN bug_report_conversations bc
         ON bc.conversation_id = a.conversation_id
       WHERE a.message_id IS NOT NULL AND ($1::text IS NULL OR bc.bug_report_id = $1) ORDER BY a.created_at, a.id`,
      [where.reportId],
    );
    return rows.map((r) => ({ ...toRef(r), conversationId: r.conversation_id, reportId: r.bug_report_id }));
  }

  async function get(id: string): Promise<BugReport | null> {
    return (await list(id))[0] ?? null;
  }

  async function list(id?: string): Promise<BugReport[]> {
    const { rows } = await db.query<{
      id: string;
      title: string;
      steps: string;
      expected: string;
      actual: string;
      page_url: string | null;
      error_state: string | null;
      status: 'open' | 'fixed';
      report_count: number;
      external_id: string | null;
      external_url: string | null;
      created_at: Date;
      updated_at: Date;
      customers: number;
      value: number | null;
    }>(
      `SELECT b.*, count(DISTINCT c.visitor_id)::int AS customers, sum(DISTINCT COALESCE(v.account_value,
         0))::float8 AS value
       FROM bug_reports b
       LEFT JOIN bug_report_conversations bc ON bc.bug_report_id = b.id
       LEFT JOIN conversations c ON c.id = bc.conversation_id
       LEFT JOIN visitors v ON v.id = c.visitor_id
       WHERE ($1::text IS NULL OR b.id = $1)
       GROUP BY b.id ORDER BY b.status, b.report_count DESC, b.updated_at DESC`,
      [id ?? null],
    );
    const files = await attachmentsOf({ reportId: id ?? null });
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      steps: r.steps,
      expected: r.expected,
      actual: r.actual,
      pageUrl: r.page_url,
      errorState: r.error_state,
      status: r.status,
      reportCount: r.report_count,
      externalId: r.external_id,
      externalUrl: r.external_url,
      affectedCustomers: r.customers,
      affectedAccountValue: r.value ?? 0,
      attachments: files.filter((f) => f.reportId === r.id).map(({ reportId: _r, ...f }) => f),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  return {
    /** The AI's proposal for this conversation; also says whether it would merge into an existing report. */
    async propose(conversationId: string) {
      const { detail, draft, attachments } = await draftFor(conversationId);
      const existing = await findSimilar(draft);
      return {
        draft,
        attachments,
        similarTo: existing ? await get(existing) : null,
        customer: { name: detail.visitor.name ?? null, accountValue: detail.visitor.accountValue ?? null },
      };
    },

    async file(
      conversationId: string,
      edits: Partial<BugReportDraft>,
      actor: { id: string },
    ): Promise<{ report: BugReport; merged: boolean }> {
      const { draft, attachments } = await draftFor(conversationId);
      const r = {
        ...draft,
        ...Object.fromEntries(Object.entries(edits).filter(([, v]) => v !== undefined)),
      } as BugReportDraft;
      const now = deps.clock();
      const existingId = await findSimilar(r);
      const id = existingId ?? randomUUID();
      // The report and its webhook commit together, so a crash cannot lose the webhook.
      await db.transaction(async (tx) => {
        if (!existingId) {
          await tx.query(
            `INSERT INTO bug_reports (id, fingerprint, title, steps, expected, actual, page_url, error_state,
               created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
            [id, bugFingerprint(r), r.title, r.steps, r.expected, r.actual, r.pageUrl, r.errorState, now],
          );
        }
        await tx.query(
          `INSERT INTO bug_report_conversations (bug_report_id, ` +
            `conversation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [id, conversationId],
        );
        await tx.query(
          `UPDATE bug_reports SET report_count = (SELECT count(*) FROM bug_report_conversations ` +
            `WHERE bug_report_id = $1), updated_at = $2 WHERE id = $1`,
          [id, now],
        );
        if (!existingId && !deps.linear && deps.webhookUrl) {
          await enqueueDelivery(
            tx,
            {
              target: 'webhook',
              url: deps.webhookUrl,
              event: 'bug_report.created',
              payload: { id, ...r, attachments },
            },
            now,
          );
        }
      });
      await deps.conversations.repo.recordEvent({
        conversationId,
        type: 'bug_report',
        actor: actor.id,
        data: { bugReportId: id, merged: !!existingId },
      });
      if (!existingId && deps.linear) await sendToLinear(deps.linear, id, r, attachments);
      return { report: (await get(id))!, merged: !!existingId };
    },

    list: () => list(),
    get,

    /** Marks a report fixed and tells every affected customer in their conversation (once). */
    async markFixed(id: string): Promise<{ notified: number }> {
      const report = await get(id);
      if (!report) throw notFound('Bug report');
      const rows = await db.transaction(async (tx) => {
        await tx.query(`UPDATE bug_reports SET status = 'fixed', updated_at = $2 WHERE id = $1`, [id, deps.clock()]);
        const affected = await tx.query<{
          conversation_id: string;
          contact_email: string | null;
          language: string | null;
        }>(
          `SELECT bc.conversation_id, c.contact_email, c.language FROM bug_report_conversations bc
             JOIN conversations c ON c.id = bc.conversation_id
           WHERE bc.bug_report_id = $1 AND bc.notified_at IS NULL`,
          [id],
        );
        if (deps.webhookUrl) {
          const contacts = affected.rows.map((r) => r.contact_email).filter(Boolean);
          await enqueueDelivery(
            tx,
            {
              target: 'webhook',
              url: deps.webhookUrl,
              event: 'bug_report.fixed',
              payload: { id, title: report.title, contacts },
            },
            deps.clock(),
          );
        }
        return affected.rows;
      });
      for (const r of rows) {
        await deps.conversations.postBotMessage({
          conversationId: r.conversation_id,
          role: 'system',
          text: say(supportedLanguage(r.language), 'bugFixed', { title: report.title }),
          meta: { event: 'bug_fixed', bugReportId: id },
        });
        await db.query(
          `UPDATE bug_report_conversations SET notified_at = $3 WHERE bug_report_id = $1 AND conversation_id = $2`,
          [id, r.conversation_id, deps.clock()],
        );
      }
      return { notified: rows.length };
    },

    /** Marks fixed the report linked to an external (Linear) issue. */
    async markFixedByExternalId(externalId: string): Promise<{ notified: number } | null> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM bug_reports WHERE external_id = $1 AND status = 'open'`,
        [externalId],
      );
      return rows[0] ? this.markFixed(rows[0].id) : null;
    },
  };

  async function findSimilar(r: BugReportDraft): Promise<string | null> {
    const { rows } = await db.query<{ id: string; title: string; fingerprint: string; page_url: string | null }>(
      `SELECT id, title, fingerprint, page_url FROM bug_reports WHERE status = 'open'`,
    );
    const fp = bugFingerprint(r);
    const exact = rows.find((x) => x.fingerprint === fp);
    if (exact) return exact.id;
    const alike = rows
      .filter((x) => x.page_url === r.pageUrl)
      .map((x) => ({ id: x.id, s: similarity(x.title, r.title) }))
      .sort((a, b) => b.s - a.s)[0];
    return alike && alike.s >= MERGE_SIMILARITY ? alike.id : null;
  }

  async function sendToLinear(
    linear: NonNullable<typeof deps.linear>,
    id: string,
    r: BugReportDraft,
    files: BugAttachment[],
  ): Promise<void> {
    // Names only: the files stay in Firstline, behind agent sign-in (the conversation in the console).
    const attached = files.length
      ? '**Attachments** (in the Firstline conversation)\n' +
        files.map((f) => `- ${f.name.replace(/[\[\]()*_`]/g, '')} (${f.contentType}, ${megabytes(f.size)})`).join('\n')
      : '';
    const description = [
      `**Steps**\n${r.steps}`,
      `**Expected**\n${r.expected}`,
      `**Actual**\n${r.actual}`,
      `Page: ${r.pageUrl ?? 'unknown'}`,
      r.errorState ? `Error state: ${r.errorState}` : '',
      attached,
      `Firstline bug report ${id}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    try {
      const issue = await createLinearIssue(linear, { title: r.title, description }, deps.fetch);
      await db.query(`UPDATE bug_reports SET external_id = $2, external_url = $3 WHERE id = $1`, [
        id,
        issue.id,
        issue.url,
      ]);
    } catch (err) {
      // The report is kept; the failure is visible in the log and the report has no external link.
      deps.log.error({ err, bugReportId: id }, 'sending the bug report to Linear failed');
    }
  }
}
export type BugReportService = ReturnType<typeof createBugReportService>;
