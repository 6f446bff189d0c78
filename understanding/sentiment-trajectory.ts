/**
 * Sentiment over a conversation: exponential smoothing of per-message scores, so one sharp
 * message moves the needle without one neutral reply resetting it. `trend` is the last change of
 * the smoothed value (negative = getting worse).
 */

export interface SentimentTrajectory {
  smoothed: number;
  trend: number;
  /** Messages seen so far. */
  count: number;
}

/** Weight of the newest message; 0.5 halves an old mood's influence at every message. */
export const DEFAULT_SMOOTHING = 0.5;

export function nextTrajectory(
  prev: SentimentTrajectory | null,
  score: number,
  alpha: number = DEFAULT_SMOOTHING,
): SentimentTrajectory {
  const s = Math.max(-1, Math.min(1, Number.isFinite(score) ? score : 0));
  if (!prev || prev.count === 0) return { smoothed: s, trend: 0, count: 1 };
  const smoothed = alpha * s + (1 - alpha) * prev.smoothed;
  return { smoothed, trend: smoothed - prev.smoothed, count: prev.count + 1 };
}
