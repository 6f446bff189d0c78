import { describe, expect, it } from 'vitest';
import { pseudoQuestions, rewordingVocabulary } from '../../knowledge/pseudo-questions.js';

const article = {
  title: 'Change the billing email address',
  chunks: [
    {
      headingPath: 'Change the billing email address',
      text: 'Invoices and payment receipts go to the billing email. It is separate from your login email.',
    },
    {
      headingPath: 'Change the billing email address > Update the billing email',
      text: 'Go to Settings, open the Billing contact card and click Edit. Enter the new address and save.',
    },
  ],
};

describe('pseudo-questions from an article', () => {
  it('asks the title, a shortened, a misspelled and reworded titles, and the section headings', () => {
    const qs = pseudoQuestions(article, {
      vocabulary: rewordingVocabulary(['Cancel a subscription', 'Invite teammates']),
    });
    expect(qs[0]).toBe('Change the billing email address');
    expect(qs).toContain('Update the billing email');
    expect(qs.length).toBeGreaterThanOrEqual(7);
    expect(qs.length).toBeLessThanOrEqual(9);
    // Its most specific word dropped, and replaced by a word of another title (the way paraphrases reword).
    expect(qs).toContain('change email address');
    expect(qs.some((q) => /\b(cancel|subscription|invite|teammates)\b/.test(q) && /\bemail\b/.test(q))).toBe(true);
    // One of them has a word the article does not spell that way (a typo).
    const words = new Set(
      `${article.title} ${article.chunks.map((c) => c.text).join(' ')}`.toLowerCase().match(/[a-z]+/g),
    );
    expect(
      qs.some((q) =>
        q
          .toLowerCase()
          .match(/[a-z]+/g)!
          .some((w) => !words.has(w)),
      ),
    ).toBe(true);
  });

  it('rewords only with the vocabulary it is given, and falls back to key phrases when the title gives little', () => {
    expect(pseudoQuestions(article).join(' ')).not.toMatch(/cancel|subscription/);
    const short = pseudoQuestions({
      title: 'Invoices',
      chunks: [{ headingPath: 'Invoices', text: 'Monthly invoices arrive by email with a PDF receipt attached.' }],
    });
    expect(short[0]).toBe('Invoices');
    expect(short.length).toBeGreaterThan(1);
  });

  it('is deterministic and never yields an empty or stopword-only question', () => {
    expect(pseudoQuestions(article)).toEqual(pseudoQuestions(article));
    expect(pseudoQuestions({ title: 'How do I', chunks: [{ headingPath: 'How do I', text: 'it is' }] })).toEqual([]);
  });
});
