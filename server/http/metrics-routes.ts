import { Hono } from 'hono';
import { MetricsQuery } from '../../protocol/http.js';
import { computeMetrics } from '../analytics/metrics.js';
import type { TokenService } from '../auth/tokens.js';
import type { Db } from '../db/db.js';
import { badRequest } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { parse } from './validate.js';

const DAY = 24 * 3600 * 1000;

export function metricsRoutes(deps: { db: Db; tokens: TokenService }) {
  return new Hono().use(requireRole(deps.tokens, 'admin')).get('/', async (c) => {
    const q = parse(MetricsQuery, c.req.query());
    const to = q.to ? new Date(q.to) : new Date(Date.now() + 60_000);
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    if (from >= to) throw badRequest('`from` must be before `to`.');
    return c.json(await computeMetrics(deps.db, { from, to }));
  });
}
