import { describe, expect, it } from 'vitest';
import { chooseRejectionThreshold } from '../../understanding/leave-intents-out.js';

// 100 simulated in-scope questions, all answered right, at confidences 0.005 .. 0.995, and 100
// unseen-intent questions at 0.0025 .. 0.4975: every threshold trades right answers for rejections.
const inScope = Array.from({ length: 100 }, (_, i) => ({ confidence: (i + 0.5) / 100, correct: true }));
const unseen = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 200);

describe('chooseRejectionThreshold', () => {
  it('never costs more in-scope accuracy than its budget, even when rejecting would pay off in the simulation', () => {
    const choice = chooseRejectionThreshold(inScope, unseen, {
      unseenWeight: 1,
      maxInScopeRejection: 0.12,
      maxInScopeLoss: 0.03,
    });
    expect(choice.inScopeLost).toBeLessThanOrEqual(0.03);
    expect(choice.inScopeLost).toBeGreaterThan(0);
    expect(choice.inScopeAccuracy).toBeGreaterThanOrEqual(0.97);
    // Every in-scope question at or above the threshold is still answered.
    expect(inScope.filter((s) => s.confidence < choice.threshold).length).toBe(3);
    expect(choice.unseenRejected).toBeGreaterThan(0.05);
  });

  it('spends the whole rejection cap when wrong answers are what it turns away', () => {
    const wrongLow = inScope.map((s) => ({ ...s, correct: s.confidence > 0.2 }));
    const choice = chooseRejectionThreshold(wrongLow, unseen, {
      unseenWeight: 1,
      maxInScopeRejection: 0.12,
      maxInScopeLoss: 0.03,
    });
    // Turning away the 12 lowest costs nothing: they were wrong anyway.
    expect(choice.inScopeRejected).toBeCloseTo(0.12, 5);
    expect(choice.inScopeLost).toBe(0);
    expect(choice.inScopeAccuracy).toBeCloseTo(0.8, 5);
  });

  it('turns no right answer away with a zero budget, only unseen questions below every in-scope one', () => {
    const choice = chooseRejectionThreshold(inScope, unseen, {
      unseenWeight: 1,
      maxInScopeRejection: 0.12,
      maxInScopeLoss: 0,
    });
    expect(choice.inScopeRejected).toBe(0);
    expect(choice.threshold).toBeLessThanOrEqual(inScope[0]!.confidence);
  });
});
