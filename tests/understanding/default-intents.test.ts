import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTENTS, defaultIntentClassifier, findIntent } from '../../understanding/default-intents.js';

describe('default intents', () => {
  // Pinned when the intents moved from TypeScript to default-intents.jsonl: same intents, examples and
  // order. Editing the file on purpose changes these; update them in the same commit.
  it('are the 19 intents and 465 examples of default-intents.jsonl, in order', () => {
    expect(DEFAULT_INTENTS).toHaveLength(19);
    expect(DEFAULT_INTENTS.reduce((n, i) => n + i.examples.length, 0)).toBe(465);
    const canonical = JSON.stringify(
      DEFAULT_INTENTS.map((i) => ({
        name: i.name,
        description: i.description,
        examples: i.examples,
        skill: i.skill,
        policy: i.policy,
        severity: i.severity,
        thresholds: i.thresholds ?? {},
      })),
    );
    expect(createHash('sha256').update(canonical).digest('hex')).toBe(
      '5d2207f78c97d75a82c4df02970dadad097ca0942110d40bfbded621ef9c55ae',
    );
  });

  it('define at least 15 intents with 15-30 examples, a policy and a severity', () => {
    expect(DEFAULT_INTENTS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(DEFAULT_INTENTS.map((i) => i.name)).size).toBe(DEFAULT_INTENTS.length);
    for (const i of DEFAULT_INTENTS) {
      expect(i.examples.length, i.name).toBeGreaterThanOrEqual(15);
      expect(i.examples.length, i.name).toBeLessThanOrEqual(30);
      expect(['ai_answer', 'handoff', 'handoff_now']).toContain(i.policy);
      expect(i.severity).toBeGreaterThanOrEqual(0);
      expect(i.severity).toBeLessThanOrEqual(3);
      expect(i.description.length).toBeGreaterThan(10);
    }
    expect(findIntent('security_incident')?.policy).toBe('handoff_now');
    expect(findIntent('talk_to_human')?.policy).toBe('handoff_now');
    expect(findIntent('refund_or_charge_dispute')?.policy).toBe('handoff');
    expect(findIntent('privacy_gdpr')?.policy).toBe('handoff');
    expect(findIntent('privacy_question')?.policy).toBe('ai_answer');
    expect(findIntent(null)).toBeUndefined();
  });

  const classifier = defaultIntentClassifier();
  const cases: Array<[string, string[]]> = [
    ['I want to talk to a person', ['talk_to_human']],
    ['how do I change my billing email', ['how_to', 'billing_question']],
    ['I was charged twice', ['refund_or_charge_dispute']],
    ['someone hacked my account', ['security_incident']],
    ['i forgot my password and the reset mail never came', ['login_password']],
    ['please cancel our subscription', ['cancellation']],
    ['is the app down? nothing loads', ['outage']],
    ['where do I find my api key', ['integration_or_api']],
    ['export all my data to csv', ['data_export']],
    ['we will take legal action', ['legal']],
    ['can you delete my personal data (gdpr)', ['privacy_gdpr']],
    // Self-serve privacy how-tos are answered; only requests a person must carry out hand off.
    ['how can we sign the DPA online', ['privacy_question']],
    ['how do I delete my own account myself', ['privacy_question']],
    ['our api calls get 429 too many requests errors', ['integration_or_api']],
    ['how are extra seats billed', ['billing_question']],
    ['hello!', ['greeting_smalltalk']],
    ['the page crashes when I click save', ['bug_report']],
    ['upgrade us to the business plan', ['plan_change']],
    ['it would be nice to have a calendar view', ['feature_request']],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(expected).toContain(classifier.classify(text).intent);
  });

  it('learns its confidence threshold from leave-intents-out without refusing most in-scope questions', () => {
    expect(classifier.rejection).not.toBeNull();
    expect(classifier.threshold).toBe(classifier.rejection!.threshold);
    expect(classifier.rejection!.inScopeRejected).toBeLessThanOrEqual(0.12);
    // Nor does it turn away more than 3% of the held-out questions it would have answered right.
    expect(classifier.rejection!.inScopeLost).toBeLessThanOrEqual(0.03);
  });

  it('leaves unrelated text out of scope', () => {
    expect(classifier.classify('what is the capital of france').intent).toBeNull();
    expect(classifier.classify('asdf qwerty zxcv').intent).toBeNull();
    expect(classifier.classify('recipe for banana bread').intent).toBeNull();
  });
});
