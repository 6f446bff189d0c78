import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { text } from '../../protocol/clean-text.js';
import type { TokenService } from '../auth/tokens.js';
import type { BugReportService } from '../bug-reports/bug-report-service.js';
import { AppError, notFound } from '../errors.js';
import { requireRole, type AuthEnv } from './auth-middleware.js';
import { jsonBody, parse } from './validate.js';
import {
  BugReportFiled,
  BugReportFixed,
  BugReportListResponse,
  BugReportProposal,
  LinearWebhookResult,
} from '../../protocol/responses/bug-reports.js';
import type { RouteDoc } from './route-doc.js';

/** `POST /api/bug-reports` body (exported for the OpenAPI document). */
export const FileBody = z.object({
  conversationId: text().min(1).max(100),
  title: text().trim().min(1).max(300).optional(),
  steps: text().max(5000).optional(),
  expected: text().max(2000).optional(),
  actual: text().max(2000).optional(),
});

/** `GET /api/bug-reports/draft?conversationId=`. */
export const BugDraftQuery = z.object({ conversationId: text().min(1).max(100) });

export const LinearWebhook = z.object({
  type: text(),
  action: text(),
  data: z.object({ id: text(), state: z.object({ type: text() }).optional() }).passthrough(),
});

export function bugReportRoutes(deps: {
  bugReports: BugReportService;
  tokens: TokenService;
  linearWebhookSecret?: string;
}) {
  return new Hono<AuthEnv>()
    .get('/bug-reports', requireRole(deps.tokens, 'agent'), async (c) =>
      c.json({ bugReports: await deps.bugReports.list() } satisfies BugReportListResponse),
    )
    .get('/bug-reports/draft', requireRole(deps.tokens, 'agent'), async (c) => {
      const q = parse(BugDraftQuery, c.req.query());
      return c.json((await deps.bugReports.propose(q.conversationId)) satisfies BugReportProposal);
    })
    .post('/bug-reports', requireRole(deps.tokens, 'agent'), async (c) => {
      const { conversationId, ...edits } = await jsonBody(c, FileBody);
      const res = await deps.bugReports.file(conversationId, edits, { id: c.get('user').sub });
      return c.json(res satisfies BugReportFiled, res.merged ? 200 : 201);
    })
    .post('/bug-reports/:id/fixed', requireRole(deps.tokens, 'admin'), async (c) =>
      c.json((await deps.bugReports.markFixed(c.req.param('id'))) satisfies BugReportFixed),
    )
    .post('/integrations/linear/webhook', async (c) => {
      if (!deps.linearWebhookSecret) throw notFound('Linear webhook (set LINEAR_WEBHOOK_SECRET to enable it)');
      const raw = await c.req.text();
      const given = Buffer.from(c.req.header('linear-signature') ?? '');
      const expected = Buffer.from(createHmac('sha256', deps.linearWebhookSecret).update(raw).digest('hex'));
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new AppError(401, 'bad_signature', 'The Linear-Signature header does not match.');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new AppError(400, 'invalid_json', 'The request body must be valid JSON.');
      }
      const event = parse(LinearWebhook, body);
      if (event.type === 'Issue' && event.data.state?.type === 'completed') {
        const res = await deps.bugReports.markFixedByExternalId(event.data.id);
        return c.json({ ok: true, matched: !!res, notified: res?.notified ?? 0 } satisfies LinearWebhookResult);
      }
      return c.json({ ok: true, matched: false, notified: 0 } satisfies LinearWebhookResult);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const bugReportRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/bug-reports',
    tag: 'bug reports',
    summary: 'List bug reports',
    access: 'agent',
    response: BugReportListResponse,
  },
  {
    method: 'get',
    path: '/api/bug-reports/draft',
    tag: 'bug reports',
    summary: 'Propose a bug report from a conversation, with a similar existing report if any',
    access: 'agent',
    query: BugDraftQuery,
    response: BugReportProposal,
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/bug-reports',
    tag: 'bug reports',
    summary: 'File a bug report (201), or merge it into a similar one (200)',
    access: 'agent',
    body: FileBody,
    status: 201,
    response: BugReportFiled,
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/bug-reports/:id/fixed',
    tag: 'bug reports',
    summary: 'Mark fixed and notify the affected customers',
    access: 'admin',
    response: BugReportFixed,
  },
  {
    method: 'post',
    path: '/api/integrations/linear/webhook',
    tag: 'bug reports',
    summary: 'Linear issue webhook: a completed issue marks its bug report fixed',
    access: 'signature',
    description:
      'Authenticated by the `Linear-Signature` header (hex HMAC-SHA256 of the raw ' +
      'body with LINEAR_WEBHOOK_SECRET); 404 when the secret is not configured.',
    body: LinearWebhook,
    response: LinearWebhookResult,
    errors: [401, 404],
  },
];
