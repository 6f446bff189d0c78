import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../text/normalize-text.js';

describe('normalizeText', () => {
  it('expands contractions so negation is a word', () => {
    expect(normalizeText("I can't log in, it doesn't work and I won't wait")).toBe(
      'i can not log in, it does not work and i will not wait',
    );
    expect(normalizeText('dont cancel')).toBe('do not cancel');
  });

  it('folds full-width letters and ligatures', () => {
    expect(normalizeText('ＲＥＦＵＮＤ ﬁle')).toBe('refund file');
  });

  it('leaves apostrophes of other languages to their stemmers', () => {
    expect(normalizeText("Je n'arrive pas à changer l'adresse", 'fr')).toBe("je n'arrive pas à changer l'adresse");
    expect(normalizeText("I'm locked out", 'en')).toBe('i am locked out');
  });
});
