import { z } from 'zod';
import { AttachmentRef } from '../attachments.js';
import { Iso } from './common.js';

/** A bug report as drafted from a conversation (the agent edits it before filing). */
export const BugDraft = z.object({
  title: z.string(),
  steps: z.string(),
  expected: z.string(),
  actual: z.string(),
  pageUrl: z.string().nullable(),
  errorState: z.string().nullable(),
});
export type BugDraft = z.infer<typeof BugDraft>;

/** A visitor's file on a reported conversation: agents open it from that conversation. */
export const BugAttachment = AttachmentRef.extend({ conversationId: z.string() });
export type BugAttachment = z.infer<typeof BugAttachment>;

export const BugReport = BugDraft.extend({
  id: z.string(),
  status: z.enum(['open', 'fixed']),
  reportCount: z.number().int(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  affectedCustomers: z.number().int(),
  affectedAccountValue: z.number(),
  attachments: z
    .array(BugAttachment)
    .describe(
      "visitors' files on the reporting conversations, " +
        'oldest first (GET /api/conversations/{conversationId}/attachments/{id})',
    ),
  createdAt: Iso,
  updatedAt: Iso,
});
export type BugReport = z.infer<typeof BugReport>;

export const BugReportListResponse = z.object({ bugReports: z.array(BugReport) });
export type BugReportListResponse = z.infer<typeof BugReportListResponse>;

/** `GET /api/bug-reports/draft`: a proposal, with a similar existing report if any. */
export const BugReportProposal = z.object({
  draft: BugDraft,
  attachments: z.array(BugAttachment),
  similarTo: BugReport.nullable(),
  customer: z.object({ name: z.string().nullable(), accountValue: z.number().nullable() }),
});
export type BugReportProposal = z.infer<typeof BugReportProposal>;

/** `POST /api/bug-reports`: filed (201) or merged into a similar one (200). */
export const BugReportFiled = z.object({ report: BugReport, merged: z.boolean() });
export type BugReportFiled = z.infer<typeof BugReportFiled>;

/** `POST /api/bug-reports/:id/fixed`: how many affected customers were told. */
export const BugReportFixed = z.object({ notified: z.number().int() });
export type BugReportFixed = z.infer<typeof BugReportFixed>;

/** The Linear webhook's answer. */
export const LinearWebhookResult = z.object({ ok: z.literal(true), matched: z.boolean(), notified: z.number().int() });
export type LinearWebhookResult = z.infer<typeof LinearWebhookResult>;
