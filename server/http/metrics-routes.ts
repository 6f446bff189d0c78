import { Hono } from 'hono';
import { z } from 'zod';
import { MetricsQuery, RuntimeMetrics, RuntimeQuery } from '../../protocol/http.js';
import { escalationReportCsv, escalationReportMarkdown } from '../analytics/escalation-report.js';
import type { MetricsReader } from '../analytics/metrics.js';
import type { TokenService } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { RuntimeStats } from '../runtime/runtime-stats.js';
import { AppError, badRequest } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { parse } from './validate.js';

const DAY = 24 * 3600 * 1000;

function rangeOf(q: { from?: string; to?: string }, now: Date, defaultDays: number) {
  const to = q.to ? new Date(q.to) : new Date(now.getTime() + 60_000);
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - defaultDays * DAY);
  if (from >= to) throw badRequest('`from` must be before `to`.');
  if (to.getTime() - from.getTime() > 400 * DAY) throw badRequest('Ask for at most 400 days at a time.');
  return { from, to };
}

export function metricsRoutes(deps: { metrics: MetricsReader; tokens: TokenService; clock: Clock; runtime?: RuntimeStats }) {
  return new Hono()
    .use(requireRole(deps.tokens, 'admin'))
    .get('/', async (c) => c.json(await deps.metrics.compute(rangeOf(parse(MetricsQuery, c.req.query()), deps.clock(), 30))))
    // This process only (each node answers for itself): event-loop delay, memory, CPU.
    .get('/runtime', (c) => {
      const q = parse(RuntimeQuery, c.req.query());
      if (!deps.runtime) throw new AppError(404, 'not_found', 'Runtime figures are not collected by this server.');
      return c.json(deps.runtime.read({ reset: q.reset === '1' }) satisfies RuntimeMetrics);
    });
}

/** The weekly escalation report, downloadable as Markdown or CSV. */
export function reportRoutes(deps: { metrics: MetricsReader; tokens: TokenService; clock: Clock }) {
  const Query = MetricsQuery.extend({ format: z.enum(['md', 'csv']).default('md') });
  return new Hono().use(requireRole(deps.tokens, 'admin')).get('/escalations', async (c) => {
    const q = parse(Query, c.req.query());
    const m = await deps.metrics.compute(rangeOf(q, deps.clock(), 7));
    const name = `escalation-report-${m.from.slice(0, 10)}-to-${m.to.slice(0, 10)}`;
    if (q.format === 'csv') {
      return c.body(escalationReportCsv(m), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
    }
    return c.body(escalationReportMarkdown(m), 200, { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${name}.md"` });
  });
}
