import { describe, expect, it } from 'vitest';
import { CATALOGUE, fill, say } from '../../protocol/messages/catalogue.js';
import { LANGUAGES } from '../../protocol/messages/languages.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    'has every English text in %s, translated, with the same placeholders',
    (lang) => {
      for (const part of ['server', 'widget'] as const) {
        const en = CATALOGUE.en[part] as Record<string, string>;
        const other = CATALOGUE[lang][part] as Record<string, string>;
        expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
        for (const [key, text] of Object.entries(en)) {
          expect(placeholders(other[key]!), `${lang}.${part}.${key}`).toEqual(placeholders(text));
          expect(other[key]!.trim(), `${lang}.${part}.${key}`).not.toBe('');
        }
      }
      // Not just copied: most texts differ from English ("Source", "Assistant" may not).
      const same = Object.entries(CATALOGUE.en.widget).filter(
        ([k, v]) => (CATALOGUE[lang].widget as Record<string, string>)[k] === v,
      );
      expect(same.length).toBeLessThan(5);
    },
  );

  it('fills placeholders and falls back to English', () => {
    expect(say('de', 'agentJoined', { name: 'Mia' })).toBe('Mia ist dem Gespräch beigetreten.');
    expect(say(null, 'agentJoined', { name: 'Mia' })).toBe('Mia joined the conversation.');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
