import { bandFloor, type PriorityBandName } from '../../protocol/priority-bands.js';
import type { OfficeHours } from '../../protocol/office-hours.js';
import { addOpenSeconds } from '../routing/office-hours.js';

/**
 * SLA targets by priority band and customer tier. Deadlines are computed once, at handoff, and
 * stored as columns; the sweeper only compares them with the clock.
 */
export interface SlaBand {
  name: PriorityBandName;
  minPriority: number;
  firstResponseSeconds: number;
  resolutionSeconds: number;
}

export interface SlaPolicies {
  bands: SlaBand[];
  /** Multiplies the targets: enterprise customers get faster answers. */
  tierFactor: Record<string, number>;
  /** Warn the assignee when this share of the time to a deadline is left. */
  warnAtRemainingFraction: number;
}

export const DEFAULT_SLA_POLICIES: SlaPolicies = {
  bands: [
    // The floors are the shared bands (protocol/priority-bands.ts), so the console's label matches the SLA.
    { name: 'critical', minPriority: bandFloor('critical'), firstResponseSeconds: 5 * 60, resolutionSeconds: 4 * 3600 },
    { name: 'high', minPriority: bandFloor('high'), firstResponseSeconds: 15 * 60, resolutionSeconds: 8 * 3600 },
    { name: 'normal', minPriority: bandFloor('normal'), firstResponseSeconds: 60 * 60, resolutionSeconds: 24 * 3600 },
    { name: 'low', minPriority: bandFloor('low'), firstResponseSeconds: 4 * 3600, resolutionSeconds: 72 * 3600 },
  ],
  tierFactor: { enterprise: 0.5, business: 0.75 },
  warnAtRemainingFraction: 0.2,
};

export interface SlaDeadlines {
  band: SlaBand['name'];
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  /** When to warn: with `warnAtRemainingFraction` of the (open) time to each deadline left. */
  firstResponseWarnAt: Date;
  resolutionWarnAt: Date;
}

export function slaBand(priority: number, policies: SlaPolicies = DEFAULT_SLA_POLICIES): SlaBand {
  const sorted = [...policies.bands].sort((a, b) => b.minPriority - a.minPriority);
  return sorted.find((b) => priority >= b.minPriority) ?? sorted[sorted.length - 1]!;
}

/**
 * The deadlines for a handoff at `from`. With the team's office hours the clocks run only while it
 * is open (business-hours SLA): a Friday-evening handoff is due on Monday, not during the weekend.
 */
export function slaDeadlines(
  priority: number,
  tier: string | null | undefined,
  from: Date,
  policies: SlaPolicies = DEFAULT_SLA_POLICIES,
  hours: OfficeHours | null = null,
): SlaDeadlines {
  const band = slaBand(priority, policies);
  const factor = policies.tierFactor[(tier ?? '').toLowerCase()] ?? 1;
  const first = band.firstResponseSeconds * factor;
  const resolution = band.resolutionSeconds * factor;
  const warnShare = 1 - policies.warnAtRemainingFraction;
  return {
    band: band.name,
    firstResponseDueAt: addOpenSeconds(hours, from, first),
    resolutionDueAt: addOpenSeconds(hours, from, resolution),
    firstResponseWarnAt: addOpenSeconds(hours, from, first * warnShare),
    resolutionWarnAt: addOpenSeconds(hours, from, resolution * warnShare),
  };
}

/** When to warn before a deadline that runs from `start` to `due`. */
export function warnAt(start: Date, due: Date, policies: SlaPolicies = DEFAULT_SLA_POLICIES): Date {
  return new Date(due.getTime() - (due.getTime() - start.getTime()) * policies.warnAtRemainingFraction);
}
