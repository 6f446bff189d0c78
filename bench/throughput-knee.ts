/** Where a rate ramp stops paying: the knee of the throughput benchmark (pure, tested). */

export interface RampStep {
  targetRate: number;
  sent: number;
  answered: number;
  answeredPerSecond: number;
  latencyMs: { p99: number };
}

export interface KneeCriteria {
  /** Share of a step's messages that must be answered (default 0.98). */
  minAnsweredShare: number;
  /** Answered rate must reach this share of the target (default 0.9). */
  minRateShare: number;
  /** p99 message-to-answer above this is past the knee (default 1000 ms). */
  maxP99Ms: number;
}

export const DEFAULT_KNEE: KneeCriteria = { minAnsweredShare: 0.98, minRateShare: 0.9, maxP99Ms: 1000 };

/** Why a step is past the knee, or null when it kept up. */
export function pastKnee(step: RampStep, c: KneeCriteria = DEFAULT_KNEE): string | null {
  if (step.sent === 0) return 'nothing was sent';
  if (step.answered / step.sent < c.minAnsweredShare) return `answered ${step.answered} of ${step.sent} messages`;
  if (step.answeredPerSecond < c.minRateShare * step.targetRate)
    return `answered ${step.answeredPerSecond}/s of ${step.targetRate}/s asked`;
  if (step.latencyMs.p99 > c.maxP99Ms) return `p99 ${step.latencyMs.p99} ms over ${c.maxP99Ms} ms`;
  return null;
}

/**
 * The first step past the knee (`knee`) and the last one before it (`peak`, the highest rate the
 * server kept up with). `knee` null: the ramp never reached it; `peak` null: even the first step failed.
 */
export function findKnee(
  steps: readonly RampStep[],
  c: KneeCriteria = DEFAULT_KNEE,
): { peak: number | null; knee: number | null; reason: string | null } {
  for (let i = 0; i < steps.length; i++) {
    const reason = pastKnee(steps[i]!, c);
    if (reason) return { peak: i > 0 ? i - 1 : null, knee: i, reason };
  }
  return { peak: steps.length ? steps.length - 1 : null, knee: null, reason: null };
}

/** The next target rate: `factor` times the last, rounded to a whole message per second. */
export const nextRate = (rate: number, factor: number) => Math.max(rate + 1, Math.round(rate * factor));
