import { describe, expect, it } from 'vitest';
import { nextTrajectory } from '../../understanding/sentiment-trajectory.js';

describe('nextTrajectory', () => {
  it('starts at the first score with no trend', () => {
    expect(nextTrajectory(null, -0.4)).toEqual({ smoothed: -0.4, trend: 0, count: 1 });
  });

  it('smooths and reports the change', () => {
    const a = nextTrajectory(null, 0.5);
    const b = nextTrajectory(a, -0.5);
    expect(b.count).toBe(2);
    expect(b.smoothed).toBeCloseTo(0);
    expect(b.trend).toBeCloseTo(-0.5);
    expect(b.smoothed).toBeGreaterThan(-0.5);
  });

  it('trends down as a conversation sours and stays in range', () => {
    let t = null as ReturnType<typeof nextTrajectory> | null;
    for (const s of [0.2, 0, -0.3, -0.6, -0.9, -5]) t = nextTrajectory(t, s);
    expect(t!.trend).toBeLessThan(0);
    expect(t!.smoothed).toBeLessThan(-0.5);
    expect(t!.smoothed).toBeGreaterThanOrEqual(-1);
    expect(t!.count).toBe(6);
  });

  it('is pure', () => {
    const prev = { smoothed: 0.1, trend: 0, count: 3 };
    nextTrajectory(prev, -1);
    expect(prev).toEqual({ smoothed: 0.1, trend: 0, count: 3 });
  });
});
