import { describe, expect, it } from 'vitest';
import { slaBand } from '../../server/sla/sla-policy.js';
import {
  formatDuration,
  formatPercent,
  priorityLabel,
  safeHref,
  sentimentLabel,
  splitList,
} from '../../console/lib/format.js';

describe('format', () => {
  it('durations read naturally', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(12 * 60 + 5)).toBe('12m');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3h 05m');
    expect(formatDuration(2 * 86400 + 4 * 3600)).toBe('2d 4h');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(95, true)).toBe('1m 35s');
    expect(formatDuration(95)).toBe('1m');
  });
  it('percentages and labels', () => {
    expect(formatPercent(0.257)).toBe('26%');
    expect(formatPercent(0.034)).toBe('3.4%');
    expect(formatPercent(null)).toBe('—');
    expect(sentimentLabel(-0.8)).toBe('very negative');
    expect(sentimentLabel(0)).toBe('neutral');
  });
  it("labels the server's 0..100 priority with the SLA policy's bands", () => {
    // A handed-off conversation scored 30 is normal, not urgent; a bot one at 0 is low.
    expect([0, 3, 19, 20, 30, 44, 45, 69, 70, 100].map(priorityLabel)).toEqual([
      'Low',
      'Low',
      'Low',
      'Normal',
      'Normal',
      'Normal',
      'High',
      'High',
      'Critical',
      'Critical',
    ]);
    for (let p = 0; p <= 100; p++) expect(priorityLabel(p).toLowerCase(), `priority ${p}`).toBe(slaBand(p).name);
  });
  it('only web links become hrefs', () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHref('/billing')).toBe('/billing');
    expect(safeHref('javascript:alert(1)')).toBe(null);
    expect(safeHref('data:text/html,x')).toBe(null);
    expect(safeHref(null)).toBe(null);
  });
  it('splits comma and newline lists', () => {
    expect(splitList(' a, b\nc ,, ')).toEqual(['a', 'b', 'c']);
  });
});

describe('formatAgo', () => {
  it('says how long ago, as of a moving now', async () => {
    const { formatAgo } = await import('../../console/lib/format.js');
    const t = Date.parse('2026-01-10T12:00:00Z');
    const at = new Date(t).toISOString();
    expect(formatAgo(at, t + 10_000)).toBe('just now');
    expect(formatAgo(at, t + 120_000)).toBe('2 min ago');
    expect(formatAgo(at, t + 3 * 3600_000)).toBe('3 h ago');
    expect(formatAgo(at, t + 26 * 3600_000)).toBe('yesterday');
    expect(formatAgo(at, t + 4 * 86400_000)).toBe('4 days ago');
    expect(formatAgo('not a date', t)).toBe('');
  });
});
