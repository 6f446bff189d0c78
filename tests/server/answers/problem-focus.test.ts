import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ARTICLES_DIR } from '../../../knowledge/demo-kb.js';
import { composeFocusedAnswer } from '../../../server/answers/focused-answer.js';
import { markdownSections } from '../../../server/answers/markdown-blocks.js';
import { focusOnProblem } from '../../../server/answers/problem-focus.js';
import { queryTerms } from '../../../server/answers/query-terms.js';

const body = readFileSync(`${DEMO_ARTICLES_DIR}/billing-email.md`, 'utf8').replace(/^---[\s\S]*?---\n/, '');
const article = {
  articleId: 'billing-email',
  title: 'Change the billing email address',
  url: '/help/billing-email',
  sections: markdownSections(body),
  retrievedHeading: 'Update the billing email',
  score: 1,
};
const answer = (question: string) => composeFocusedAnswer({ question, articles: [article] }).text;
const wrong = /never|not|n't|greyed/i;

describe('answers to a problem described after what the visitor already did', () => {
  it.each([
    'I changed the billing email but never got the confirmation email',
    'I updated the billing email but never got the confirmation email',
    'I never got the confirmation email after I updated the billing email',
    "I updated our billing email and the confirmation email didn't arrive",
  ])('"%s" is answered with the troubleshooting item, not the steps already followed', (q) => {
    const text = answer(q);
    expect(text).toContain('Resend confirmation');
    expect(text).not.toContain('Go to Settings > Billing');
  });

  it('a how-to question keeps the steps', () => {
    expect(answer('How do I update the billing email?')).toContain('Go to Settings > Billing');
    expect(answer('How do I update the billing email and what if the confirmation does not arrive?')).toContain(
      'Go to Settings > Billing',
    );
  });

  it('lowers only the words of the done part', () => {
    const q = 'I updated the billing email but never got the confirmation email';
    const terms = focusOnProblem(q, queryTerms(q), (t) => wrong.test(t));
    expect(terms.get('updat')).toBeLessThan(1);
    expect(terms.get('confirm')).toBe(1);
    expect(terms.get('email')).toBe(1);
  });

  it('leaves a question with no done part, or two problems, as it is', () => {
    for (const q of ['The confirmation email never arrived', 'It is not working but the page is not loading either']) {
      const terms = queryTerms(q);
      expect(focusOnProblem(q, terms, (t) => wrong.test(t))).toBe(terms);
    }
  });
});
