/**
 * Handoff priority, 0..100: one documented formula so queue order is explainable.
 *   severity (0-3) x 10          intent severity from its definition
 * + urgent signal        25      security, legal, churn
 * + negative sentiment   0-15    15 x max(0, -smoothed sentiment)
 * + tier                 0-15    enterprise 15, business 10, pro 5
 * + account value        0-15    log10(value) x 3, capped
 */
export interface PriorityInput {
  severity: number;
  urgent: boolean;
  sentiment: number;
  plan?: string;
  accountValue?: number;
}

const TIER_POINTS: Record<string, number> = { enterprise: 15, business: 10, pro: 5, team: 5 };

export function handoffPriority(p: PriorityInput): number {
  const severity = Math.max(0, Math.min(3, p.severity)) * 10;
  const urgent = p.urgent ? 25 : 0;
  const mood = 15 * Math.max(0, -p.sentiment);
  const tier = TIER_POINTS[(p.plan ?? '').toLowerCase()] ?? 0;
  const value = p.accountValue && p.accountValue > 1 ? Math.min(15, Math.log10(p.accountValue) * 3) : 0;
  return Math.round(Math.min(100, severity + urgent + mood + tier + value));
}
