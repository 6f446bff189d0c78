import { describe, expect, it } from 'vitest';
import { gapReason } from '../../server/knowledge/gap-listener.js';

describe('what counts as a knowledge gap', () => {
  const unsure = { confident: false };
  it('is a question retrieval had no confident answer for, or one the answerer could not answer', () => {
    expect(gapReason({ reasonCode: 'no_confident_answer', retrieval: unsure })).toBe('no_confident_answer');
    expect(gapReason({ reasonCode: 'answer_not_in_context', retrieval: { confident: true } })).toBe(
      'answer_not_in_context',
    );
  });
  it('is not a policy handoff, an answer, small talk or a message while waiting', () => {
    for (const reasonCode of [
      'explicit_request',
      'intent_policy',
      'churn_risk',
      'negative_sentiment',
      'security_signal',
      'loop_detected',
      'small_talk',
      'waiting_for_agent',
    ]) {
      expect(gapReason({ reasonCode, retrieval: unsure }), reasonCode).toBeNull();
    }
    expect(gapReason({ reasonCode: 'kb_answer', retrieval: { confident: true } })).toBeNull();
    expect(gapReason({ reasonCode: 'no_confident_answer', retrieval: null })).toBeNull();
  });
});
