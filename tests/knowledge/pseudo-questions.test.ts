import { describe, expect, it } from 'vitest';
import { pseudoQuestions } from '../../knowledge/pseudo-questions.js';

const article = {
  title: 'Change the billing email address',
  chunks: [
    { headingPath: 'Change the billing email address', text: 'Invoices and payment receipts go to the billing email. It is separate from your login email.' },
    { headingPath: 'Change the billing email address > Update the billing email', text: 'Go to Settings, open the Billing contact card and click Edit. Enter the new address and save.' },
  ],
};

describe('pseudo-questions from an article', () => {
  it('asks the title, a shortened and a misspelled title, the section headings and a few key phrases', () => {
    const qs = pseudoQuestions(article);
    expect(qs[0]).toBe('Change the billing email address');
    expect(qs).toContain('Update the billing email');
    expect(qs.length).toBeGreaterThanOrEqual(5);
    expect(qs.length).toBeLessThanOrEqual(8);
    // One of them has a word the article does not spell that way (a typo).
    const words = new Set(`${article.title} ${article.chunks.map((c) => c.text).join(' ')}`.toLowerCase().match(/[a-z]+/g));
    expect(qs.some((q) => q.toLowerCase().match(/[a-z]+/g)!.some((w) => !words.has(w)))).toBe(true);
  });

  it('is deterministic and never yields an empty or stopword-only question', () => {
    expect(pseudoQuestions(article)).toEqual(pseudoQuestions(article));
    expect(pseudoQuestions({ title: 'How do I', chunks: [{ headingPath: 'How do I', text: 'it is' }] })).toEqual([]);
  });
});
