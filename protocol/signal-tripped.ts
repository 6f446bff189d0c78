import type { Signal } from './domain.js';

/**
 * True when a numeric signal is on the tripping side of its threshold (`trips`); false when it is
 * on the safe side or the direction is unknown. Kept apart from the zod schemas so the console
 * bundle does not pull in zod for it.
 */
export function signalTripped(s: Signal): boolean {
  if (typeof s.value !== 'number' || typeof s.threshold !== 'number' || !s.trips) return false;
  return s.trips === 'above' ? s.value >= s.threshold : s.value <= s.threshold;
}
