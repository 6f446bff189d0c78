import { describe, expect, it } from 'vitest';
import { handoffPriority } from '../../server/routing/priority.js';
import { queueStatuses } from '../../server/routing/queue-status.js';

describe('handoff priority', () => {
  it('ranks urgent, severe, unhappy, high-tier customers first', () => {
    const calm = handoffPriority({ severity: 1, urgent: false, sentiment: 0 });
    const security = handoffPriority({ severity: 3, urgent: true, sentiment: -0.5, plan: 'enterprise', accountValue: 100_000 });
    expect(security).toBeGreaterThan(calm);
    expect(handoffPriority({ severity: 1, urgent: false, sentiment: 0, plan: 'business' })).toBeGreaterThan(calm);
    expect(handoffPriority({ severity: 1, urgent: false, sentiment: -0.8 })).toBeGreaterThan(calm);
  });
  it('stays within 0..100', () => {
    expect(handoffPriority({ severity: 99, urgent: true, sentiment: -1, plan: 'enterprise', accountValue: 1e12 })).toBe(100);
    expect(handoffPriority({ severity: -5, urgent: false, sentiment: 1 })).toBe(0);
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
