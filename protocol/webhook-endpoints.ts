import { z } from 'zod';
import { text } from './clean-text.js';

/**
 * Webhook endpoints managed in the console: request and response shapes for the server, the
 * console and the OpenAPI document. WEBHOOK_URL shows up as one more endpoint (`source: "config"`).
 */

import { WEBHOOK_EVENTS } from './webhook-events.js';

export { WEBHOOK_EVENTS };
export const WebhookEventName = z.enum(WEBHOOK_EVENTS);
export type WebhookEventName = z.infer<typeof WebhookEventName>;
/** What "Send test" posts; it goes to the one endpoint whatever its filter. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** Why a URL is refused, or null: http(s) only, no user name or password in it. */
export function webhookUrlProblem(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return 'Enter a full URL, e.g. https://example.com/hooks/firstline';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'The URL must start with https:// or http://';
  if (u.username || u.password)
    return 'Put no user name or password in the URL: every request is signed with the endpoint secret instead';
  if (!u.hostname) return 'The URL needs a host name';
  return null;
}

export const WebhookUrl = text()
  .trim()
  .min(1, 'Enter the URL to POST events to')
  .max(2000)
  .superRefine((v, ctx) => {
    const problem = webhookUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const WebhookEndpointBody = z.object({
  url: WebhookUrl,
  description: text().trim().max(200).default(''),
  events: z.array(WebhookEventName).max(WEBHOOK_EVENTS.length).default([]),
  enabled: z.boolean().default(true),
});
export type WebhookEndpointBody = z.infer<typeof WebhookEndpointBody>;

export const WebhookEndpointPatch = z
  .object({
    url: WebhookUrl,
    description: text().trim().max(200),
    events: z.array(WebhookEventName).max(WEBHOOK_EVENTS.length),
    enabled: z.boolean(),
  })
  .partial();
export type WebhookEndpointPatch = z.infer<typeof WebhookEndpointPatch>;

export const WebhookEndpoint = z.object({
  id: z.string(),
  /** `console`: managed here; `config`: WEBHOOK_URL (read-only, its secret is WEBHOOK_SECRET). */
  source: z.enum(['console', 'config']),
  url: z.string(),
  description: z.string(),
  /** Empty: every event. */
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** False for a WEBHOOK_URL without WEBHOOK_SECRET (its requests go unsigned). */
  signed: z.boolean(),
  createdAt: z.string().nullable(),
  secretRotatedAt: z.string().nullable(),
  /** Counts over the endpoint's whole log. */
  deliveries: z.object({
    pending: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
    lastAttemptAt: z.string().nullable(),
  }),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** Returned once, when an endpoint is created or its secret rotated; never again. */
export const WebhookEndpointCreated = z.object({ endpoint: WebhookEndpoint, secret: z.string() });
export type WebhookEndpointCreated = z.infer<typeof WebhookEndpointCreated>;

export const EndpointDelivery = z.object({
  id: z.number().int(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** The latest attempt, request to response (or to the error). */
  latencyMs: z.number().int().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type EndpointDelivery = z.infer<typeof EndpointDelivery>;

export const EndpointDeliveriesQuery = z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional() });

export const WebhookEndpointListResponse = z.object({ endpoints: z.array(WebhookEndpoint) });
export type WebhookEndpointListResponse = z.infer<typeof WebhookEndpointListResponse>;
export const WebhookEndpointResponse = z.object({ endpoint: WebhookEndpoint });
export type WebhookEndpointResponse = z.infer<typeof WebhookEndpointResponse>;
export const EndpointDeliveryListResponse = z.object({ deliveries: z.array(EndpointDelivery) });
export type EndpointDeliveryListResponse = z.infer<typeof EndpointDeliveryListResponse>;
/** `POST /api/webhooks/endpoints/:id/test` (202): the queued delivery, to find in the endpoint's log. */
export const WebhookTestQueued = z.object({ deliveryId: z.number().int() });
export type WebhookTestQueued = z.infer<typeof WebhookTestQueued>;
/** What a client sends to create an endpoint (the server fills defaults). */
export type WebhookEndpointInput = z.input<typeof WebhookEndpointBody>;
