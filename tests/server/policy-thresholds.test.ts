import { describe, expect, it } from 'vitest';
import {
  daysUntil,
  decideEscalation,
  DEFAULT_THRESHOLDS,
  type PolicyInput,
} from '../../server/pipeline/escalation-policy.js';
import { DEFAULT_TIER_THRESHOLDS, resolveThresholds } from '../../server/pipeline/policy-thresholds.js';
import type { IntentDefinition } from '../../understanding/types.js';

const howTo: IntentDefinition = {
  name: 'how_to',
  description: '',
  examples: [],
  skill: 'general',
  policy: 'ai_answer',
  severity: 0,
};
const now = new Date('2026-03-01T12:00:00Z');

function input(
  over: Partial<PolicyInput> & { score?: number; signals?: Array<{ name: string; value: number }> } = {},
): PolicyInput {
  const { score = 0, signals = [], ...rest } = over;
  return {
    status: 'bot',
    text: 'How do I export my data?',
    intent: { intent: 'how_to', confidence: 0.9, ranked: [{ intent: 'how_to', confidence: 0.9 }], definition: howTo },
    sentiment: {
      score,
      signals: signals.map((s) => ({ ...s, evidence: [] })),
      trajectory: { smoothed: score, trend: 0, count: 1 },
    },
    loop: { looping: false, repeats: 0, aiAnswers: 0 },
    retrieval: { confident: true, topScore: 0.9 },
    account: {},
    clarifiedLastTurn: false,
    now,
    ...rest,
  };
}

describe('resolveThresholds', () => {
  it('is the defaults without overrides, and for an unknown tier', () => {
    expect(resolveThresholds({})).toEqual(DEFAULT_THRESHOLDS);
    expect(resolveThresholds({ plan: 'starter' })).toEqual(DEFAULT_THRESHOLDS);
  });

  it('makes enterprise more sensitive to negative sentiment (tier names are case-insensitive)', () => {
    const t = resolveThresholds({ plan: ' Enterprise ' });
    expect(t.minSentiment).toBeGreaterThan(DEFAULT_THRESHOLDS.minSentiment);
    expect(t.negativeSentiment).toBeGreaterThan(DEFAULT_THRESHOLDS.negativeSentiment);
    expect(t).toMatchObject(DEFAULT_TIER_THRESHOLDS.enterprise!);
  });

  it('applies an intent override, even a laxer one', () => {
    expect(resolveThresholds({ intent: { minSentiment: -0.7 } }).minSentiment).toBe(-0.7);
  });

  it('takes the more cautious value when intent and tier both set a threshold', () => {
    const tiers = { enterprise: { minSentiment: -0.3, signalStrength: 0.6, renewalWindowDays: 45 } };
    const t = resolveThresholds({
      plan: 'enterprise',
      tiers,
      intent: { minSentiment: -0.6, signalStrength: 0.4, renewalWindowDays: 90 },
    });
    expect(t.minSentiment).toBe(-0.3); // higher = hands off sooner
    expect(t.signalStrength).toBe(0.4); // lower = hands off sooner
    expect(t.renewalWindowDays).toBe(90); // longer window = hands off sooner
  });
});

describe('escalation policy with resolved thresholds', () => {
  it('hands off a mildly unhappy enterprise visitor that a default customer would not be', () => {
    const mild = input({ score: -0.4 });
    expect(decideEscalation(mild, resolveThresholds({})).action).toBe('answer');
    expect(decideEscalation(mild, resolveThresholds({ plan: 'enterprise' }))).toMatchObject({
      action: 'handoff',
      reasonCode: 'negative_sentiment',
    });
  });

  it('uses a per-intent override', () => {
    const mild = input({ score: -0.35 });
    expect(decideEscalation(mild, resolveThresholds({ intent: { minSentiment: -0.3 } })).reasonCode).toBe(
      'negative_sentiment',
    );
  });
});

describe('renewal at risk', () => {
  const renewing = (days: number) => ({
    renewalDate: new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10),
  });

  it('hands off when the renewal is within the window and there is a negative signal', () => {
    const d = decideEscalation(input({ score: -0.3, account: renewing(12) }));
    expect(d).toMatchObject({ action: 'handoff', reasonCode: 'renewal_at_risk' });
    expect(d.signals).toContainEqual({ name: 'renewal_days', value: 12, threshold: 30, trips: 'below' });
  });

  it('counts frustration as the negative signal', () => {
    expect(
      decideEscalation(input({ account: renewing(5), signals: [{ name: 'frustration', value: 0.6 }] })).reasonCode,
    ).toBe('renewal_at_risk');
  });

  it('answers when the renewal is far away, already past, or nothing is negative', () => {
    expect(decideEscalation(input({ score: -0.3, account: renewing(90) })).action).toBe('answer');
    expect(decideEscalation(input({ score: -0.3, account: renewing(-3) })).action).toBe('answer');
    expect(decideEscalation(input({ score: 0.2, account: renewing(3) })).action).toBe('answer');
  });

  it('ignores a renewal date without a time to compare with, or one that is not a date', () => {
    expect(decideEscalation(input({ score: -0.3, account: renewing(3), now: undefined })).action).toBe('answer');
    expect(daysUntil('soon', now)).toBeNull();
    expect(daysUntil('2026-03-01', now)).toBe(0);
  });
});

describe('feedback and the human-request intent', () => {
  it('hands off after "did not help" feedback, whatever else holds', () => {
    const d = decideEscalation(
      input({ loop: { looping: true, reason: 'negative_feedback', repeats: 1, aiAnswers: 1 } }),
    );
    expect(d).toMatchObject({ action: 'handoff', reasonCode: 'negative_feedback' });
  });

  it('does not treat an unsure talk_to_human prediction as a request for a human', () => {
    const human: IntentDefinition = {
      name: 'talk_to_human',
      description: '',
      examples: [],
      skill: 'general',
      policy: 'handoff_now',
      severity: 1,
    };
    const unsure = input({
      intent: {
        intent: 'talk_to_human',
        confidence: 0.65,
        ranked: [{ intent: 'talk_to_human', confidence: 0.65 }],
        definition: human,
      },
    });
    expect(decideEscalation(unsure).action).toBe('answer');
    const sure = { ...unsure, intent: { ...unsure.intent, confidence: 0.95 } };
    expect(decideEscalation(sure).reasonCode).toBe('explicit_request');
  });

  it('thanks the visitor instead of handing off a thank-you', () => {
    const thanks = input({
      intent: { intent: 'thanks_goodbye', confidence: 1, ranked: [], definition: null },
      retrieval: { confident: false, topScore: 0.1 },
    });
    expect(decideEscalation(thanks)).toMatchObject({ action: 'answer', reasonCode: 'thanks' });
  });
});
