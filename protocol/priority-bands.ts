/**
 * Handoff priority is scored 0..100 on the server (server/routing/priority.ts). These bands are
 * the one reading of that score: the SLA policy times its deadlines by them and the console
 * labels conversations with them, so a "Critical" badge and a 5-minute SLA always agree.
 */
export const PRIORITY_BANDS = [
  { name: 'critical', label: 'Critical', minPriority: 70 },
  { name: 'high', label: 'High', minPriority: 45 },
  { name: 'normal', label: 'Normal', minPriority: 20 },
  { name: 'low', label: 'Low', minPriority: 0 },
] as const;

export type PriorityBandName = (typeof PRIORITY_BANDS)[number]['name'];
export type PriorityBand = (typeof PRIORITY_BANDS)[number];

/** The band a 0..100 priority falls in (highest first; anything below every floor is low). */
export function priorityBand(priority: number): PriorityBand {
  const p = Number.isFinite(priority) ? priority : 0;
  return PRIORITY_BANDS.find((b) => p >= b.minPriority) ?? PRIORITY_BANDS[3];
}

/** The lowest priority of a band, e.g. to build test data or policies from the same numbers. */
export function bandFloor(name: PriorityBandName): number {
  return PRIORITY_BANDS.find((b) => b.name === name)!.minPriority;
}
