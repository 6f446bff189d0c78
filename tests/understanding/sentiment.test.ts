import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../understanding/sentiment.js';

const signal = (text: string, name: string): number =>
  analyzeSentiment(text).signals.find((s) => s.name === name)?.value ?? 0;

describe('analyzeSentiment score', () => {
  it('is positive for praise and negative for complaints, within -1..1', () => {
    const pos = analyzeSentiment('Thanks, that was really helpful!').score;
    const neg = analyzeSentiment('This is terrible, the app is broken').score;
    expect(pos).toBeGreaterThan(0.3);
    expect(neg).toBeLessThan(-0.3);
    for (const s of [pos, neg, analyzeSentiment('awful awful awful horrible worst useless!!!').score]) {
      expect(s).toBeGreaterThanOrEqual(-1);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('is neutral for a plain question', () => {
    expect(Math.abs(analyzeSentiment('How do I export a CSV of my invoices?').score)).toBeLessThan(0.1);
    expect(analyzeSentiment('How do I export a CSV of my invoices?').signals).toEqual([]);
  });

  it('handles negation', () => {
    expect(analyzeSentiment('I am not happy with this').score).toBeLessThan(0);
    expect(analyzeSentiment("It doesn't work, this is ridiculous").score).toBeLessThan(0);
    expect(analyzeSentiment('not bad at all').score).toBeGreaterThan(0);
  });

  it('reads a problem description as a problem, not as anger; judgements of the product still count', () => {
    for (const t of [
      'I lost my phone and now I cannot log in',
      "I can't log in",
      'My payment failed, how do I update my card?',
      "It doesn't work",
      'There is an error when I export',
    ]) {
      const r = analyzeSentiment(t);
      expect(r.score, t).toBe(0);
      expect(r.signals.find((s) => s.name === 'problem')?.value, t).toBeGreaterThanOrEqual(0.5);
      expect(
        r.signals.some((s) => s.name === 'frustration'),
        t,
      ).toBe(false);
    }
    expect(analyzeSentiment('My payment failed AGAIN, this is ridiculous, third time!!!').score).toBeLessThan(-0.5);
    expect(analyzeSentiment("It's broken and your support is useless").score).toBeLessThan(-0.3);
  });

  it('makes intensifiers, caps and repeated punctuation stronger', () => {
    const plain = analyzeSentiment('this is bad').score;
    expect(analyzeSentiment('this is very bad').score).toBeLessThan(plain);
    expect(analyzeSentiment('this is BAD!!!').score).toBeLessThan(plain);
  });
});

describe('analyzeSentiment signals', () => {
  it('a declined human ("I don\'t need a person") is declined_human, never human_request', () => {
    for (const t of [
      "I don't need a person, just tell me how to export",
      'dont need a human agent, just want to reset 2fa',
      "Please don't transfer me to an agent",
    ]) {
      expect(signal(t, 'human_request'), t).toBe(0);
      expect(signal(t, 'declined_human'), t).toBeGreaterThanOrEqual(0.5);
    }
    expect(signal('I need a person', 'human_request')).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ['frustration', 'This is the third time I ask and it is still not working'],
    ['frustration', 'what a waste of time'],
    ['frustration', 'your product is useless'],
    ['frustration', 'WHY IS THIS NOT FIXED???'],
    ['churn_risk', 'I want to cancel'],
    ['churn_risk', 'we will switch to another tool'],
    ['churn_risk', 'I want a refund'],
    ['churn_risk', 'your competitor does this for free'],
    ['legal', 'I will talk to my lawyer'],
    ['legal', 'we will sue'],
    ['legal', 'we are considering legal action'],
    ['security', 'there was a breach'],
    ['security', 'my account got hacked'],
    ['security', 'someone accessed my account'],
    ['privacy', 'this is a GDPR request'],
    ['human_request', 'can I talk to a person'],
    ['human_request', 'I want a real human'],
    ['human_request', 'agent please'],
    ['human_request', 'let me speak to someone'],
    ['human_request', 'representative'],
  ])('%s fires on "%s" with evidence', (name, text) => {
    const s = analyzeSentiment(text).signals.find((x) => x.name === name);
    expect(s?.value).toBeGreaterThan(0.4);
    expect(s?.value).toBeLessThanOrEqual(1);
    expect(s?.evidence.length).toBeGreaterThan(0);
  });

  it('fires nothing on neutral text', () => {
    for (const t of [
      'How do I add a user?',
      'Where is the settings page',
      'Can I change the language to German?',
      'ok',
    ]) {
      expect(analyzeSentiment(t).signals, t).toEqual([]);
    }
  });

  it('respects negation for human requests and churn', () => {
    expect(signal("I don't need a human, just tell me how", 'human_request')).toBe(0);
    expect(signal('no need to speak to someone', 'human_request')).toBe(0);
    expect(signal("I don't want to cancel", 'churn_risk')).toBe(0);
    expect(signal("I'm not angry", 'frustration')).toBe(0);
    // "can't cancel" is still about cancelling.
    expect(signal("Why can't I cancel my plan?", 'churn_risk')).toBeGreaterThan(0);
    expect(signal('this is not helpful, get me a human', 'human_request')).toBeGreaterThan(0);
  });

  it('accumulates evidence into a stronger signal', () => {
    expect(signal('third time, still not working, ridiculous!!!', 'frustration')).toBeGreaterThan(
      signal('ridiculous', 'frustration'),
    );
  });

  it('does not treat acronyms as shouting', () => {
    expect(signal('How do I set up SSO with the API?', 'frustration')).toBe(0);
  });
});
