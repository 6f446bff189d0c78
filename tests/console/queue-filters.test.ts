import { describe, expect, it } from 'vitest';
import {
  filterQueue,
  intentOptions,
  isFiltered,
  NO_FILTERS,
  NONE,
  offeredFirst,
} from '../../console/lib/queue-filters.js';
import { handoffAt, summary } from './fixtures.js';

const rows = [
  summary({ id: 'a', teamId: 't1', handoff: { ...handoffAt('2025-01-01T10:00:00Z'), intent: 'billing' } }),
  summary({ id: 'b', teamId: 't2', handoff: { ...handoffAt('2025-01-01T10:00:00Z'), intent: 'refund' } }),
  summary({ id: 'c', teamId: null, handoff: { ...handoffAt('2025-01-01T10:00:00Z'), intent: null } }),
];
const ids = (list: Array<{ id: string }>) => list.map((c) => c.id);

describe('queue filters', () => {
  it('keeps everything with no filters', () => {
    expect(ids(filterQueue(rows, NO_FILTERS))).toEqual(['a', 'b', 'c']);
    expect(isFiltered(NO_FILTERS)).toBe(false);
  });
  it('filters by team and intent, together', () => {
    expect(ids(filterQueue(rows, { teamId: 't2', intent: null }))).toEqual(['b']);
    expect(ids(filterQueue(rows, { teamId: null, intent: 'billing' }))).toEqual(['a']);
    expect(ids(filterQueue(rows, { teamId: 't1', intent: 'refund' }))).toEqual([]);
  });
  it('"none" matches rows without a team or an intent', () => {
    expect(ids(filterQueue(rows, { teamId: NONE, intent: null }))).toEqual(['c']);
    expect(ids(filterQueue(rows, { teamId: null, intent: NONE }))).toEqual(['c']);
  });
  it('lists the intents present, sorted', () => {
    expect(intentOptions(rows)).toEqual(['billing', 'refund']);
  });
  it('puts offers first without reordering the rest', () => {
    expect(ids(offeredFirst(rows, (c) => c.id === 'c'))).toEqual(['c', 'a', 'b']);
  });
});
