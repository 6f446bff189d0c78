import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decideEscalation,
  decisionWithoutKnowledge,
  DEFAULT_THRESHOLDS,
  type PolicyInput,
} from '../../server/pipeline/escalation-policy.js';
import type { IntentDefinition } from '../../understanding/types.js';
import { signalTripped } from '../../protocol/signal-tripped.js';

const howTo: IntentDefinition = {
  name: 'how_to',
  description: '',
  examples: [],
  skill: 'general',
  policy: 'ai_answer',
  severity: 0,
};
const refund: IntentDefinition = {
  name: 'refund_or_charge_dispute',
  description: '',
  examples: [],
  skill: 'billing',
  policy: 'handoff',
  severity: 2,
};
const security: IntentDefinition = {
  name: 'security_incident',
  description: '',
  examples: [],
  skill: 'security',
  policy: 'handoff_now',
  severity: 3,
};

function input(
  over: Partial<PolicyInput> & {
    signals?: Array<{ name: string; value: number }>;
    smoothed?: number;
    trend?: number;
    count?: number;
  } = {},
): PolicyInput {
  const { signals = [], smoothed = 0, trend = 0, count = 1, ...rest } = over;
  return {
    status: 'bot',
    text: 'How do I change my billing email?',
    intent: {
      intent: 'how_to',
      confidence: 0.9,
      ranked: [
        { intent: 'how_to', confidence: 0.9 },
        { intent: 'billing_question', confidence: 0.05 },
      ],
      definition: howTo,
    },
    sentiment: {
      score: smoothed,
      signals: signals.map((s) => ({ ...s, evidence: [] })),
      trajectory: { smoothed, trend, count },
    },
    loop: { looping: false, repeats: 0, aiAnswers: 0 },
    retrieval: { confident: true, topScore: 0.8 },
    account: {},
    clarifiedLastTurn: false,
    ...rest,
  };
}

describe('escalation policy', () => {
  it('hands off when the drafted answer fails its own check, even with confident retrieval', () => {
    const d = decideEscalation(input({ draft: { grounded: false, problem: 'no_answer' } }));
    expect(d).toMatchObject({ action: 'handoff', reasonCode: 'answer_not_in_context', urgent: false });
    expect(d.signals).toContainEqual({ name: 'answer_grounded', value: false });
    expect(decideEscalation(input({ draft: { grounded: true } })).reasonCode).toBe('kb_answer');
    // Waiting for an agent, an ungrounded draft keeps the AI quiet instead of answering.
    expect(decideEscalation(input({ status: 'queued', draft: { grounded: false } })).action).toBe('wait');
  });

  it(
    'skipping retrieval never changes a decision: ' +
      'decisionWithoutKnowledge names the decision whatever the knowledge base says',
    () => {
      const signal = fc.constantFrom('human_request', 'security', 'legal', 'churn_risk', 'frustration', 'privacy');
      fc.assert(
        fc.property(
          fc.record({
            status: fc.constantFrom('bot' as const, 'queued' as const),
            signals: fc.array(fc.record({ name: signal, value: fc.double({ min: 0, max: 1, noNaN: true }) }), {
              maxLength: 3,
            }),
            smoothed: fc.double({ min: -1, max: 1, noNaN: true }),
            trend: fc.double({ min: -1, max: 1, noNaN: true }),
            count: fc.integer({ min: 1, max: 5 }),
            looping: fc.boolean(),
            accountValue: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
            intent: fc.constantFrom(howTo, refund, security),
            confident: fc.boolean(),
            grounded: fc.option(fc.boolean(), { nil: undefined }),
          }),
          (c) => {
            const base = input({
              status: c.status,
              signals: c.signals,
              smoothed: c.smoothed,
              trend: c.trend,
              count: c.count,
              account: c.accountValue == null ? {} : { accountValue: c.accountValue },
            });
            const full: PolicyInput = {
              ...base,
              intent: { ...base.intent, intent: c.intent.name, definition: c.intent },
              loop: c.looping ? { looping: true, reason: 'repeated_question', repeats: 1, aiAnswers: 1 } : base.loop,
              retrieval: { confident: c.confident, topScore: 0.5 },
              draft: c.grounded === undefined ? null : { grounded: c.grounded },
            };
            const early = decisionWithoutKnowledge(full);
            if (early) expect(decideEscalation(full).reasonCode).toBe(early);
          },
        ),
        { numRuns: 500 },
      );
    },
  );

  it('answers when the knowledge base is confident and nothing is wrong', () => {
    const d = decideEscalation(input());
    expect(d).toMatchObject({ action: 'answer', reasonCode: 'kb_answer', urgent: false });
    expect(d.signals.find((s) => s.name === 'kb_confident')?.value).toBe(true);
  });

  it('hands off on an explicit request for a human, even with a confident answer', () => {
    expect(decideEscalation(input({ signals: [{ name: 'human_request', value: 0.9 }] })).reasonCode).toBe(
      'explicit_request',
    );
  });

  it('hands off security and legal signals urgently', () => {
    expect(decideEscalation(input({ signals: [{ name: 'security', value: 0.8 }] }))).toMatchObject({
      action: 'handoff',
      reasonCode: 'security_signal',
      urgent: true,
    });
    expect(decideEscalation(input({ signals: [{ name: 'legal', value: 0.8 }] }))).toMatchObject({
      reasonCode: 'legal_signal',
      urgent: true,
    });
  });

  it('hands off churn risk urgently', () => {
    expect(decideEscalation(input({ signals: [{ name: 'churn_risk', value: 0.7 }] }))).toMatchObject({
      reasonCode: 'churn_risk',
      urgent: true,
    });
  });

  it('follows the intent policy', () => {
    const base = input();
    expect(
      decideEscalation({ ...base, intent: { ...base.intent, intent: 'refund_or_charge_dispute', definition: refund } })
        .reasonCode,
    ).toBe('intent_policy');
    expect(
      decideEscalation({ ...base, intent: { ...base.intent, intent: 'security_incident', definition: security } }),
    ).toMatchObject({ reasonCode: 'intent_policy', urgent: true });
  });

  it('hands off when sentiment is low or falling fast, and records the threshold', () => {
    const low = decideEscalation(input({ smoothed: -0.7 }));
    expect(low.reasonCode).toBe('negative_sentiment');
    expect(low.signals.find((s) => s.name === 'sentiment')).toMatchObject({
      value: -0.7,
      threshold: DEFAULT_THRESHOLDS.minSentiment,
    });
    expect(decideEscalation(input({ smoothed: -0.2, trend: -0.6, count: 3 })).reasonCode).toBe('sentiment_falling');
  });

  it('says which side of its threshold trips each signal, so a calm visitor is not shown as past it', () => {
    const calm = decideEscalation(input({ signals: [{ name: 'human_request', value: 0.9 }], smoothed: 0, trend: 0 }));
    const byName = (d: typeof calm, n: string) => d.signals.find((s) => s.name === n)!;
    for (const s of calm.signals) if (s.threshold !== undefined) expect(s.trips, s.name).toMatch(/^(above|below)$/);
    // Sentiment 0 against a floor of -0.5 is the safe side; the request for a human is what tripped.
    expect(byName(calm, 'sentiment')).toMatchObject({ value: 0, trips: 'below' });
    expect(signalTripped(byName(calm, 'sentiment'))).toBe(false);
    expect(signalTripped(byName(calm, 'sentiment_trend'))).toBe(false);
    expect(signalTripped(byName(calm, 'human_request'))).toBe(true);

    const upset = decideEscalation(
      input({
        smoothed: -0.7,
        account: { accountValue: 50_000, renewalDate: '2026-01-10' },
        now: new Date('2026-01-01T12:00:00Z'),
      }),
    );
    expect(signalTripped(byName(upset, 'sentiment'))).toBe(true);
    expect(signalTripped(byName(upset, 'account_value'))).toBe(true);
    expect(signalTripped(byName(upset, 'renewal_days'))).toBe(true);
    const far = decideEscalation(
      input({ account: { accountValue: 500, renewalDate: '2026-06-01' }, now: new Date('2026-01-01T12:00:00Z') }),
    );
    expect(signalTripped(byName(far, 'account_value'))).toBe(false);
    expect(signalTripped(byName(far, 'renewal_days'))).toBe(false);
  });

  it('hands off a loop', () => {
    expect(
      decideEscalation(input({ loop: { looping: true, reason: 'repeated_question', repeats: 2, aiAnswers: 2 } }))
        .reasonCode,
    ).toBe('loop_detected');
  });

  it('gives a high-value account a human on any negative signal, but not a small one', () => {
    const rich = input({ account: { accountValue: 50_000 }, smoothed: -0.3 });
    expect(decideEscalation(rich).reasonCode).toBe('high_value_negative');
    expect(decideEscalation({ ...rich, account: { accountValue: 100 } }).action).toBe('answer');
  });

  it('hands off when the knowledge base has no confident answer', () => {
    expect(decideEscalation(input({ retrieval: { confident: false, topScore: 0.1 } })).reasonCode).toBe(
      'no_confident_answer',
    );
  });

  it('asks to clarify when the top intents are close and retrieval is unsure, once', () => {
    const base = input({ retrieval: { confident: false, topScore: 0.2 } });
    const close = {
      ...base,
      intent: {
        ...base.intent,
        confidence: 0.4,
        ranked: [
          { intent: 'how_to', confidence: 0.4 },
          { intent: 'billing_question', confidence: 0.37 },
        ],
      },
    };
    expect(decideEscalation(close).action).toBe('clarify');
    expect(decideEscalation({ ...close, clarifiedLastTurn: true }).action).toBe('handoff');
  });

  it('stays quiet while waiting for an agent unless it knows the answer', () => {
    expect(decideEscalation(input({ status: 'queued' })).reasonCode).toBe('answer_while_waiting');
    expect(decideEscalation(input({ status: 'queued', retrieval: { confident: false, topScore: 0 } })).action).toBe(
      'wait',
    );
    expect(decideEscalation(input({ status: 'queued', signals: [{ name: 'human_request', value: 1 }] })).action).toBe(
      'wait',
    );
  });
});
