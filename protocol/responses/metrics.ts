import { z } from 'zod';
import { Iso } from './common.js';

/** Figures for one intent, tier or page. */
export const Breakdown = z.object({
  key: z.string(),
  conversations: z.number(),
  handoffs: z.number(),
  escalationRate: z.number(),
});
export type Breakdown = z.infer<typeof Breakdown>;

export const DailyPoint = z.object({
  day: z.string(),
  conversations: z.number(),
  handoffs: z.number(),
  aiResolved: z.number(),
});
export type DailyPoint = z.infer<typeof DailyPoint>;

/** `GET /api/metrics`: queries over the stored facts for a date range. */
export const Metrics = z.object({
  from: Iso,
  to: Iso,
  conversations: z.number(),
  aiResolved: z.number(),
  aiResolvedShare: z.number(),
  aiResolvedDefinition: z.string().describe('what counts as resolved by the AI, shown next to the figure'),
  handoffs: z.number(),
  escalationRate: z.number(),
  medianTimeToHandoffSeconds: z.number().nullable(),
  medianTimeToFirstHumanResponseSeconds: z.number().nullable(),
  medianResolutionAfterEscalationSeconds: z.number().nullable(),
  reEscalationRate: z.number(),
  transfersPerConversation: z.number(),
  csat: z.number().nullable().describe('mean score 1..5; null without ratings'),
  csatResponses: z.number(),
  slaBreaches: z.number(),
  unnecessaryHandoffs: z.number(),
  missedHandoffs: z.number(),
  byIntent: z.array(Breakdown),
  byTier: z.array(Breakdown),
  byPage: z.array(Breakdown),
  daily: z.array(DailyPoint),
});
export type Metrics = z.infer<typeof Metrics>;
