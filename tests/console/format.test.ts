import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, priorityLabel, safeHref, sentimentLabel, splitList } from '../../console/lib/format.js';

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
    expect(priorityLabel(3)).toBe('Urgent');
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
