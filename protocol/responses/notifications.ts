import { z } from 'zod';
import { Iso } from './common.js';

/** A console notification (managers also see the team's alerts). */
export const Notification = z.object({
  id: z.number().int(),
  userId: z.string().nullable(),
  kind: z.string(),
  conversationId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: Iso,
  readAt: Iso.nullable(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationListResponse = z.object({ notifications: z.array(Notification) });
export type NotificationListResponse = z.infer<typeof NotificationListResponse>;

/** An open escalation task (a missed SLA deadline, a page to a manager). */
export const EscalationTask = z.object({
  id: z.number().int(),
  conversationId: z.string(),
  kind: z.string(),
  reason: z.string(),
  status: z.string(),
  dueAt: Iso.nullable().describe('the deadline that was missed'),
  createdAt: Iso,
});
export type EscalationTask = z.infer<typeof EscalationTask>;
export const EscalationTaskListResponse = z.object({ tasks: z.array(EscalationTask) });
export type EscalationTaskListResponse = z.infer<typeof EscalationTaskListResponse>;

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One outbound webhook delivery of the outbox log. */
export const WebhookDelivery = z.object({
  id: z.number().int(),
  target: z.string(),
  url: z.string(),
  event: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: Iso,
  createdAt: Iso,
  deliveredAt: Iso.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryListResponse = z.object({ deliveries: z.array(WebhookDelivery) });
export type WebhookDeliveryListResponse = z.infer<typeof WebhookDeliveryListResponse>;
