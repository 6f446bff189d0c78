import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../text/normalize-text.js';
import { extractFeatures, featureTokens } from '../../understanding/text-features.js';
import { fitVocabularyCoverage } from '../../understanding/vocabulary-coverage.js';

describe('text features', () => {
  it('tokenizes numbers by shape', () => {
    expect(featureTokens(normalizeText('I paid £25 on 2024-01-03'))).toEqual([
      'i',
      'paid',
      '£',
      '0',
      'on',
      '00',
      '0',
      '0',
    ]);
  });

  it('extracts word n-grams, skip-pairs and word-boundary character n-grams', () => {
    const f = extractFeatures('card not arrived', { skipWindow: 5, skipKeepsQuestionWords: true });
    expect(f.word.has('w:card')).toBe(true);
    expect(f.word.has('b:card not')).toBe(true);
    expect(f.word.has('p:arriv card')).toBe(true);
    expect(f.char.has(' car')).toBe(true);
    expect([...f.char.keys()].some((g) => g.trim().includes(' '))).toBe(false);
  });

  it('measures character-gram coverage', () => {
    const cov = fitVocabularyCoverage(['reset my password', 'password reset link'].map((t) => extractFeatures(t)));
    expect(cov.coverage(extractFeatures('pasword reset'))).toBeGreaterThan(0.6);
    expect(cov.coverage(extractFeatures('banana bread recipe'))).toBeLessThan(0.3);
  });
});
