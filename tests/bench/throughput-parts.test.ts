import { describe, expect, it } from 'vitest';
import { summarizeCpuProfile, type CpuProfile } from '../../bench/cpu-profile-summary.js';
import { findKnee, nextRate, pastKnee, type RampStep } from '../../bench/throughput-knee.js';
import { parseBenchFlags } from '../../bench/bench-flags.js';

const step = (targetRate: number, answeredPerSecond: number, p99: number, answered = 100, sent = 100): RampStep => ({
  targetRate,
  sent,
  answered,
  answeredPerSecond,
  latencyMs: { p99 },
});

describe('throughput benchmark: knee detection', () => {
  it('finds the first step that stops keeping up and the peak before it', () => {
    const steps = [step(20, 20, 30), step(30, 29.5, 40), step(45, 44, 80), step(68, 50, 900)];
    expect(findKnee(steps)).toEqual({ peak: 2, knee: 3, reason: 'answered 50/s of 68/s asked' });
  });

  it('calls unanswered messages and a slow p99 past the knee, each with its reason', () => {
    expect(pastKnee(step(50, 50, 40, 90, 100))).toBe('answered 90 of 100 messages');
    expect(pastKnee(step(50, 50, 1500))).toBe('p99 1500 ms over 1000 ms');
    expect(pastKnee(step(50, 50, 1500), { minAnsweredShare: 0.98, minRateShare: 0.9, maxP99Ms: 2000 })).toBeNull();
  });

  it('reports no knee when every step kept up, and no peak when the first one failed', () => {
    expect(findKnee([step(20, 20, 10), step(30, 30, 10)])).toEqual({ peak: 1, knee: null, reason: null });
    expect(findKnee([step(20, 5, 10)])).toMatchObject({ peak: null, knee: 0 });
  });

  it('steps the rate up by the factor, at least by one', () => {
    expect(nextRate(20, 1.5)).toBe(30);
    expect(nextRate(1, 1.2)).toBe(2);
  });
});

describe('throughput benchmark: CPU profile summary', () => {
  // A sample lasts until the next one (the last lasts 0); idle samples are left out of the busy share.
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 5] },
      {
        id: 2,
        callFrame: { functionName: 'main', url: 'file:///repo/server/main.ts', lineNumber: 0 },
        children: [3, 4],
      },
      { id: 3, callFrame: { functionName: 'hot', url: 'file:///repo/server/hot.ts', lineNumber: 9 } },
      { id: 4, callFrame: { functionName: '', url: 'file:///repo/server/cold.ts', lineNumber: 4 } },
      { id: 5, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    ],
    startTime: 1000,
    endTime: 9000,
    samples: [3, 3, 3, 4, 5, 5, 3, 2],
    timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
  };

  it('ranks functions by self time with their share of busy time, file paths relative to the root', () => {
    const s = summarizeCpuProfile(profile, { root: '/repo' });
    expect(s.top[0]).toEqual({ function: 'hot (server/hot.ts:10)', selfMs: 4, share: 0.8 });
    expect(s.top.map((t) => t.function)).toEqual([
      'hot (server/hot.ts:10)',
      '(anonymous) (server/cold.ts:5)',
      'main (server/main.ts:1)',
    ]);
    expect(s.idleMs).toBe(2);
    expect(s.busyMs).toBe(5);
  });

  it('counts only the samples inside a window, and keeps the top N', () => {
    // Sample times: 1000, 2000, ..., 8000 µs; the window keeps 5000..7000 (idle, idle, hot).
    const s = summarizeCpuProfile(profile, { window: { fromUs: 5000, toUs: 7000 }, top: 1 });
    expect(s.top).toEqual([{ function: 'hot (/repo/server/hot.ts:10)', selfMs: 1, share: 1 }]);
    expect(s.idleMs).toBe(2);
  });
});

describe('bench flags', () => {
  it('reads --name=value and --flag over the defaults, and refuses unknown or malformed ones', () => {
    expect(parseBenchFlags(['--seconds=10', '--cpu-prof'], { seconds: 4, 'cpu-prof': false, db: 'pglite' })).toEqual({
      seconds: 10,
      'cpu-prof': true,
      db: 'pglite',
    });
    expect(() => parseBenchFlags(['--secs=3'], { seconds: 4 })).toThrow(/unknown flag --secs; known: --seconds/);
    expect(() => parseBenchFlags(['--seconds=abc'], { seconds: 4 })).toThrow(/positive number/);
  });
});
