import { describe, expect, it } from 'vitest';
import {
  compareQueued,
  effectivePriority,
  handoffPriority,
  MAX_WAIT_POINTS,
  queueScore,
  WAIT_POINTS_PER_MINUTE,
} from '../../server/routing/priority.js';
import { queueStatuses } from '../../server/routing/queue-status.js';

describe('handoff priority', () => {
  it('ranks urgent, severe, unhappy, high-tier customers first', () => {
    const calm = handoffPriority({ severity: 1, urgent: false, sentiment: 0 });
    const security = handoffPriority({
      severity: 3,
      urgent: true,
      sentiment: -0.5,
      plan: 'enterprise',
      accountValue: 100_000,
    });
    expect(security).toBeGreaterThan(calm);
    expect(handoffPriority({ severity: 1, urgent: false, sentiment: 0, plan: 'business' })).toBeGreaterThan(calm);
    expect(handoffPriority({ severity: 1, urgent: false, sentiment: -0.8 })).toBeGreaterThan(calm);
  });
  it('stays within 0..100', () => {
    expect(handoffPriority({ severity: 99, urgent: true, sentiment: -1, plan: 'enterprise', accountValue: 1e12 })).toBe(
      100,
    );
    expect(handoffPriority({ severity: -5, urgent: false, sentiment: 1 })).toBe(0);
  });
});

describe('effective priority: time waited', () => {
  const t0 = new Date('2030-01-01T09:00:00.000Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it('adds a point per minute waited, continuously, up to the cap', () => {
    expect(WAIT_POINTS_PER_MINUTE).toBe(1);
    expect(effectivePriority(40, t0, t0)).toBe(40);
    expect(effectivePriority(40, t0, at(1))).toBe(41);
    expect(effectivePriority(40, t0, at(2.5))).toBe(42.5);
    expect(effectivePriority(40, t0, at(MAX_WAIT_POINTS))).toBe(40 + MAX_WAIT_POINTS);
    expect(effectivePriority(40, t0, at(600))).toBe(40 + MAX_WAIT_POINTS);
    // A clock behind the handoff (another node's skew) adds nothing rather than taking away.
    expect(effectivePriority(40, t0, at(-3))).toBe(40);
    expect(effectivePriority(40, null, at(10))).toBe(40);
  });

  it('lets a long-waiting lower-priority chat overtake a fresh slightly-higher one', () => {
    const fresh = { id: 'fresh', priority: 40, handedOffAt: at(11) };
    const first = (old: { id: string; priority: number; handedOffAt: Date }, now: Date) =>
      [fresh, old].sort((a, b) => compareQueued(a, b, now))[0]!.id;
    // 11 minutes longer in the queue beats 10 points.
    expect(first({ id: 'old', priority: 30, handedOffAt: t0 }, at(11))).toBe('old');
    expect(first({ id: 'old', priority: 30, handedOffAt: t0 }, at(25))).toBe('old');
    // 9 minutes do not.
    expect(first({ id: 'old', priority: 30, handedOffAt: at(2) }, at(11))).toBe('fresh');
    // 10 minutes tie, and whoever was handed off first goes first.
    expect(first({ id: 'old', priority: 30, handedOffAt: at(1) }, at(11))).toBe('old');
  });

  it(
    'caps what waiting can bridge: a much higher chat goes first, ' + 'and past the cap stored priority decides again',
    () => {
      const old = { id: 'old', priority: 30, handedOffAt: t0 };
      const urgent = { id: 'urgent', priority: 75, handedOffAt: at(59) };
      for (const m of [59, 70, 120, 600])
        expect([old, urgent].sort((a, b) => compareQueued(a, b, at(m)))[0]!.id).toBe('urgent');
      const fresh = { id: 'fresh', priority: 40, handedOffAt: at(11) };
      expect([fresh, old].sort((a, b) => compareQueued(a, b, at(30)))[0]!.id).toBe('old');
      expect([fresh, old].sort((a, b) => compareQueued(a, b, at(60)))[0]!.id).toBe('fresh');
    },
  );

  it('keeps the order of chats that have not reached the cap as time passes', () => {
    const a = { id: 'a', priority: 20, handedOffAt: t0 };
    const b = { id: 'b', priority: 25, handedOffAt: at(3) };
    for (const m of [3, 4, 7.5, 20, 29]) expect(compareQueued(a, b, at(m))).toBeGreaterThan(0);
  });

  it('scores in whole units (1/60000 point) so SQL can compute the same number exactly', () => {
    expect(Number.isInteger(queueScore(37, t0.getTime(), t0.getTime() + 12_345))).toBe(true);
    expect(queueScore(37, t0.getTime(), t0.getTime() + 12_345)).toBe(37 * 60_000 + 12_345);
  });
});

describe('queue status', () => {
  it('numbers positions from 1 and estimates longer waits further back', () => {
    const s = queueStatuses([{ id: 'a' }, { id: 'b' }, { id: 'c' }], 1, 60);
    expect(s.get('a')).toEqual({ queuePosition: 1, etaSeconds: 60 });
    expect(s.get('c')).toEqual({ queuePosition: 3, etaSeconds: 180 });
  });
  it('spreads the wait over available agents', () => {
    const s = queueStatuses([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }], 2, 60);
    expect(s.get('d')!.etaSeconds).toBe(120);
  });
});
