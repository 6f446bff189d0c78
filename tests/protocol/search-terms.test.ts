import { describe, expect, it } from 'vitest';
import { highlightParts, searchTerms, snippetAround } from '../../protocol/search-terms.js';
import { avatarColour, avatarInitial } from '../../protocol/avatar.js';

describe('search terms, highlighting and snippets', () => {
  it('splits a query into words, keeping emails whole', () => {
    expect(searchTerms('  Refund  dana@example.com, refund!')).toEqual(['refund', 'dana@example.com']);
    expect(searchTerms('<script>')).toEqual(['script']);
  });

  it('marks stemmed matches and keeps markup as plain text', () => {
    const parts = highlightParts('I was <b>charged</b> twice; refunds please', searchTerms('charge refund'));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['charged', 'refunds']);
    expect(parts.map((p) => p.text).join('')).toBe('I was <b>charged</b> twice; refunds please');
    expect(highlightParts('nothing here', [])).toEqual([{ text: 'nothing here', match: false }]);
  });

  it('cuts long text around the first match', () => {
    const text = `${'lorem ipsum '.repeat(40)}the refund arrived ${'dolor sit '.repeat(40)}`;
    const s = snippetAround(text, ['refund'], 100);
    expect(s).toContain('refund');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(102);
  });
});

describe('avatar', () => {
  it('is the first letter on a colour stable for the name', () => {
    expect(avatarInitial('  maya')).toBe('M');
    expect(avatarInitial('Élodie')).toBe('É');
    expect(avatarInitial('')).toBe('?');
    expect(avatarColour('Maya')).toBe(avatarColour('maya'));
    expect(avatarColour('Maya')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
