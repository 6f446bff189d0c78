import { randomBytes, randomUUID } from 'node:crypto';
import {
  WEBHOOK_TEST_EVENT,
  type EndpointDelivery,
  type WebhookEndpoint,
  type WebhookEndpointBody,
  type WebhookEndpointCreated,
  type WebhookEndpointPatch,
} from '../../protocol/webhook-endpoints.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import { badRequest, notFound } from '../errors.js';

/** WEBHOOK_URL, listed next to the console's endpoints under this id. */
export const CONFIG_ENDPOINT_ID = 'config';
/** Enough for a small team's integrations; each endpoint has its own delivery pool. */
export const MAX_ENDPOINTS = 20;

interface EndpointRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  created_at: Date;
  secret_rotated_at: Date;
  pending: number;
  delivered: number;
  failed: number;
  last_attempt_at: Date | null;
}

interface DeliveryLogRow {
  id: number;
  event: string;
  status: EndpointDelivery['status'];
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  latency_ms: number | null;
  created_at: Date;
  last_attempt_at: Date | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
}

/** `whsec_` and 32 random bytes: what receivers verify X-Firstline-Signature with. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Counts per endpoint's log; the config endpoint's are the webhook rows without an endpoint. */
const COUNTS = `
  (SELECT count(*)::int FROM webhook_deliveries d WHERE %W AND d.status = 'pending') AS pending,
  (SELECT count(*)::int FROM webhook_deliveries d WHERE %W AND d.status = 'delivered') AS delivered,
  (SELECT count(*)::int FROM webhook_deliveries d WHERE %W AND d.status = 'failed') AS failed,
  (SELECT max(d.last_attempt_at) FROM webhook_deliveries d WHERE %W) AS last_attempt_at`;
const countsFor = (where: string) => COUNTS.replaceAll('%W', where);
const OF_ENDPOINT = 'd.endpoint_id = e.id';
const OF_CONFIG = `d.endpoint_id IS NULL AND d.target = 'webhook'`;

/**
 * The console's webhook endpoints: each with its own signing secret (returned only when created
 * or rotated, never listed or logged), an event filter and an enabled flag; plus WEBHOOK_URL as a
 * read-only endpoint. Deliveries themselves are written by the outbox and sent by the worker.
 */
export function createWebhookEndpoints(deps: {
  db: Queryable;
  clock: Clock;
  config?: { url: string; secret?: string };
  onChange?: () => Promise<unknown>;
}) {
  const { db } = deps;
  const changed = async () => {
    await deps.onChange?.();
  };

  const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
    id: r.id,
    source: 'console',
    url: r.url,
    description: r.description,
    events: r.events,
    enabled: r.enabled,
    signed: true,
    createdAt: iso(r.created_at),
    secretRotatedAt: iso(r.secret_rotated_at),
    deliveries: { pending: r.pending, delivered: r.delivered, failed: r.failed, lastAttemptAt: iso(r.last_attempt_at) },
  });

  async function get(id: string): Promise<WebhookEndpoint> {
    if (id === CONFIG_ENDPOINT_ID && deps.config) return configEndpoint();
    const { rows } = await db.query<EndpointRow>(
      `SELECT e.id, e.url, e.description, e.events, e.enabled, e.created_at, e.secret_rotated_at,
         ${countsFor(OF_ENDPOINT)}
       FROM webhook_endpoints e WHERE e.id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound('Webhook endpoint');
    return toEndpoint(rows[0]);
  }

  async function configEndpoint(): Promise<WebhookEndpoint> {
    const c = deps.config!;
    const { rows } = await db.query<Pick<EndpointRow, 'pending' | 'delivered' | 'failed' | 'last_attempt_at'>>(
      `SELECT ${countsFor(OF_CONFIG)}`,
    );
    const r = rows[0]!;
    return {
      id: CONFIG_ENDPOINT_ID,
      source: 'config',
      url: c.url,
      description: 'WEBHOOK_URL (set in the server configuration)',
      events: [],
      enabled: true,
      signed: Boolean(c.secret),
      createdAt: null,
      secretRotatedAt: null,
      deliveries: {
        pending: r.pending,
        delivered: r.delivered,
        failed: r.failed,
        lastAttemptAt: iso(r.last_attempt_at),
      },
    };
  }

  const readOnly = (id: string) => {
    if (id === CONFIG_ENDPOINT_ID)
      throw badRequest(
        'WEBHOOK_URL is set in the server configuration: change or unset it there and restart.',
        'config_endpoint',
      );
  };

  return {
    get,
    async list(): Promise<WebhookEndpoint[]> {
      const { rows } = await db.query<EndpointRow>(
        `SELECT e.id, e.url, e.description, e.events, e.enabled, e.created_at, e.secret_rotated_at,
           ${countsFor(OF_ENDPOINT)}
         FROM webhook_endpoints e ORDER BY e.created_at, e.id`,
      );
      return [...(deps.config ? [await configEndpoint()] : []), ...rows.map(toEndpoint)];
    },

    async create(body: WebhookEndpointBody): Promise<WebhookEndpointCreated> {
      const { rows: count } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_endpoints`);
      if (count[0]!.n >= MAX_ENDPOINTS)
        throw badRequest(
          `At most ${MAX_ENDPOINTS} webhook endpoints: delete one you no longer use first.`,
          'too_many_endpoints',
        );
      const id = randomUUID();
      const secret = newSecret();
      const now = deps.clock();
      await db.query(
        `INSERT INTO webhook_endpoints (id, url, description, secret, events, enabled, ` +
          `created_at, secret_rotated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [id, body.url, body.description, secret, body.events, body.enabled, now],
      );
      await changed();
      return { endpoint: await get(id), secret };
    },

    async update(id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint> {
      readOnly(id);
      const { rows } = await db.query<{ id: string }>(
        `UPDATE webhook_endpoints SET url = COALESCE($2, url), description = COALESCE($3, description),
           events = COALESCE($4, events), enabled = COALESCE($5, enabled)
         WHERE id = $1 RETURNING id`,
        [id, patch.url ?? null, patch.description ?? null, patch.events ?? null, patch.enabled ?? null],
      );
      if (!rows[0]) throw notFound('Webhook endpoint');
      await changed();
      return get(id);
    },

    async remove(id: string): Promise<void> {
      readOnly(id);
      const { rows } = await db.query<{ id: string }>(`DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id`, [id]);
      if (!rows[0]) throw notFound('Webhook endpoint');
      await changed();
    },

    /** A new secret, effective for the next request sent (the old one stops working at once). */
    async rotateSecret(id: string): Promise<WebhookEndpointCreated> {
      readOnly(id);
      const secret = newSecret();
      const { rows } = await db.query<{ id: string }>(
        `UPDATE webhook_endpoints SET secret = $2, secret_rotated_at = $3 WHERE id = $1 RETURNING id`,
        [id, secret, deps.clock()],
      );
      if (!rows[0]) throw notFound('Webhook endpoint');
      return { endpoint: await get(id), secret };
    },

    /** Queues a `webhook.test` delivery for this endpoint alone (whatever its filter or flag); it shows in its log. */
    async sendTest(id: string): Promise<{ deliveryId: number }> {
      const endpoint = await get(id);
      const now = deps.clock();
      const payload = {
        message: 'Test delivery from Firstline: this endpoint is reachable and verifies signatures.',
        endpointId: endpoint.id,
        sentAt: now.toISOString(),
      };
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO webhook_deliveries (target, url, event, payload, endpoint_id, next_attempt_at, ` +
          `created_at) VALUES ('webhook', $1, $2, $3::jsonb, $4, $5, $5) RETURNING id`,
        [
          endpoint.url,
          WEBHOOK_TEST_EVENT,
          JSON.stringify(payload),
          endpoint.source === 'config' ? null : endpoint.id,
          now,
        ],
      );
      return { deliveryId: Number(rows[0]!.id) };
    },

    /** The endpoint's latest deliveries, newest first. */
    async deliveries(id: string, status?: EndpointDelivery['status']): Promise<EndpointDelivery[]> {
      const endpoint = await get(id);
      const { rows } = await db.query<DeliveryLogRow>(
        `SELECT d.id, d.event, d.status, d.attempts, d.response_status, d.last_error, d.latency_ms, d.created_at,
           d.last_attempt_at, d.next_attempt_at, d.delivered_at
         FROM webhook_deliveries d WHERE (d.endpoint_id = $1::text OR ($1::text IS NULL AND ${OF_CONFIG}))
           AND ($2::text IS NULL OR d.status = $2::text)
         ORDER BY d.id DESC LIMIT 100`,
        [endpoint.source === 'config' ? null : id, status ?? null],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        event: r.event,
        status: r.status,
        attempts: r.attempts,
        responseStatus: r.response_status,
        lastError: r.last_error,
        latencyMs: r.latency_ms,
        createdAt: new Date(r.created_at).toISOString(),
        lastAttemptAt: iso(r.last_attempt_at),
        nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
        deliveredAt: iso(r.delivered_at),
      }));
    },
  };
}
export type WebhookEndpoints = ReturnType<typeof createWebhookEndpoints>;
