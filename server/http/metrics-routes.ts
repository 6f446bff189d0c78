import { Hono } from 'hono';
import { MetricsQuery, RuntimeMetrics, RuntimeQuery, ReportQuery } from '../../protocol/http.js';
import { escalationReportCsv, escalationReportMarkdown } from '../analytics/escalation-report.js';
import type { MetricsReader } from '../analytics/metrics.js';
import type { TokenService } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { RuntimeStats } from '../runtime/runtime-stats.js';
import { AppError, badRequest } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { parse } from './validate.js';
import { Metrics } from '../../protocol/responses/metrics.js';
import type { RouteDoc } from './route-doc.js';

const DAY = 24 * 3600 * 1000;

function rangeOf(q: { from?: string; to?: string }, now: Date, defaultDays: number) {
  const to = q.to ? new Date(q.to) : new Date(now.getTime() + 60_000);
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - defaultDays * DAY);
  if (from >= to) throw badRequest('`from` must be before `to`.');
  if (to.getTime() - from.getTime() > 400 * DAY) throw badRequest('Ask for at most 400 days at a time.');
  return { from, to };
}

export function metricsRoutes(deps: {
  metrics: MetricsReader;
  tokens: TokenService;
  clock: Clock;
  runtime?: RuntimeStats;
}) {
  return (
    new Hono()
      .use(requireRole(deps.tokens, 'admin'))
      .get('/', async (c) =>
        c.json(
          (await deps.metrics.compute(rangeOf(parse(MetricsQuery, c.req.query()), deps.clock(), 30))) satisfies Metrics,
        ),
      )
      // This process only (each node answers for itself): event-loop delay, memory, CPU.
      .get('/runtime', (c) => {
        const q = parse(RuntimeQuery, c.req.query());
        if (!deps.runtime) throw new AppError(404, 'not_found', 'Runtime figures are not collected by this server.');
        return c.json(deps.runtime.read({ reset: q.reset === '1' }) satisfies RuntimeMetrics);
      })
  );
}

/** The weekly escalation report, downloadable as Markdown or CSV. */
export function reportRoutes(deps: { metrics: MetricsReader; tokens: TokenService; clock: Clock }) {
  return new Hono().use(requireRole(deps.tokens, 'admin')).get('/escalations', async (c) => {
    const q = parse(ReportQuery, c.req.query());
    const m = await deps.metrics.compute(rangeOf(q, deps.clock(), 7));
    const name = `escalation-report-${m.from.slice(0, 10)}-to-${m.to.slice(0, 10)}`;
    if (q.format === 'csv') {
      return c.body(escalationReportCsv(m), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
      });
    }
    return c.body(escalationReportMarkdown(m), 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.md"`,
    });
  });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const metricsRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/metrics',
    tag: 'metrics',
    summary: 'Dashboard figures for a date range (default: the last 30 days, at most 400)',
    access: 'admin',
    query: MetricsQuery,
    response: Metrics,
  },
  {
    method: 'get',
    path: '/api/metrics/runtime',
    tag: 'metrics',
    summary: "This server process's event-loop delay, memory, CPU and AI turn admission",
    access: 'admin',
    description:
      'Per process (in a cluster, the node that answers). Event-loop delay and `turns.peakQueued` ' +
      'cover the window since start or the last `reset=1`. `turns`: AI turns running (`inFlight`, ' +
      'at most TURNS_IN_FLIGHT) and waiting for a slot (`queued`, at most TURN_QUEUE); ' +
      '`deferredTotal` counts turns left in the database for the turn sweep because the queue was full.',
    query: RuntimeQuery,
    response: RuntimeMetrics,
  },
  {
    method: 'get',
    path: '/api/reports/escalations',
    tag: 'metrics',
    summary: 'Escalation report as a Markdown or CSV download (default: the last 7 days)',
    access: 'admin',
    query: ReportQuery,
    response: {
      contentType: 'text/markdown',
      description: 'Markdown (`format=md`) or `text/csv` (`format=csv`), as an attachment.',
    },
  },
];
