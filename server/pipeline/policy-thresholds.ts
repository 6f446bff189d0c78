import type { PolicyThresholdOverrides } from '../../protocol/http.js';
import { DEFAULT_THRESHOLDS, type PolicyThresholds } from './escalation-policy.js';

/**
 * Threshold overrides per customer tier (the visitor's `plan`, compared case-insensitively).
 * Bigger customers get a human sooner: enterprise is the most sensitive to negative sentiment.
 */
export type TierThresholds = Readonly<Record<string, PolicyThresholdOverrides>>;

export const DEFAULT_TIER_THRESHOLDS: TierThresholds = {
  enterprise: {
    minSentiment: -0.3,
    maxSentimentDrop: -0.3,
    negativeSentiment: -0.1,
    highValueAccount: 5_000,
    renewalWindowDays: 60,
  },
  business: { minSentiment: -0.4, negativeSentiment: -0.15 },
};

/**
 * Which way each threshold moves to hand off sooner. When an intent and a tier both set the same
 * threshold, the more cautious value wins: a sensitive intent is not made lax by the customer's
 * tier, and an enterprise customer is not made less important by the intent.
 */
const CAUTIOUS: Record<keyof PolicyThresholds, 'max' | 'min'> = {
  minSentiment: 'max',
  maxSentimentDrop: 'max',
  signalStrength: 'min',
  highValueAccount: 'min',
  negativeSentiment: 'max',
  clarifyMargin: 'max',
  renewalWindowDays: 'max',
};

/** The thresholds for one turn: base, then the intent's and the tier's overrides (most cautious wins). Pure. */
export function resolveThresholds(args: {
  base?: PolicyThresholds;
  intent?: PolicyThresholdOverrides;
  plan?: string;
  tiers?: TierThresholds;
}): PolicyThresholds {
  const base = args.base ?? DEFAULT_THRESHOLDS;
  const tiers = args.tiers ?? DEFAULT_TIER_THRESHOLDS;
  const tier = args.plan ? tiers[args.plan.trim().toLowerCase()] : undefined;
  const out: PolicyThresholds = { ...base };
  for (const key of Object.keys(CAUTIOUS) as Array<keyof PolicyThresholds>) {
    const candidates = [args.intent?.[key], tier?.[key]].filter(
      (v): v is number => typeof v === 'number' && Number.isFinite(v),
    );
    if (candidates.length === 0) continue;
    out[key] = CAUTIOUS[key] === 'max' ? Math.max(...candidates) : Math.min(...candidates);
  }
  return out;
}
