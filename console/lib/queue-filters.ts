// Pure queue filters: by team and intent (the status filter is the tab).
import type { ConversationSummary } from '../api/types.js';

export interface QueueFilters {
  teamId: string | null;
  intent: string | null;
}

export const NO_FILTERS: QueueFilters = { teamId: null, intent: null };
/** Matches rows without a team or an intent. */
export const NONE = '__none__';

function matches(value: string | null | undefined, wanted: string | null): boolean {
  if (wanted === null) return true;
  if (wanted === NONE) return !value;
  return value === wanted;
}

export function filterQueue(rows: readonly ConversationSummary[], f: QueueFilters): ConversationSummary[] {
  return rows.filter((c) => matches(c.teamId, f.teamId) && matches(c.handoff?.intent, f.intent));
}

/** Intents present in the rows, sorted, for the filter menu. */
export function intentOptions(rows: readonly ConversationSummary[]): string[] {
  const set = new Set<string>();
  for (const c of rows) if (c.handoff?.intent) set.add(c.handoff.intent);
  return [...set].sort();
}

export function isFiltered(f: QueueFilters): boolean {
  return f.teamId !== null || f.intent !== null;
}

/** Offers to me come first (they expire), then the usual queue order. */
export function offeredFirst(
  rows: readonly ConversationSummary[],
  isOffered: (c: ConversationSummary) => boolean,
): ConversationSummary[] {
  const offered = rows.filter(isOffered);
  return offered.length === 0 ? [...rows] : [...offered, ...rows.filter((c) => !isOffered(c))];
}
