import { z } from 'zod';
import { ArticleRef, CONVERSATION_TEST_LIMITS } from './conversation-tests.js';
import { PageInfo } from './domain.js';
import { LIMITS } from './limits.js';

/**
 * One item of an answer-quality set (`npm run eval -- answers FILE`, CONTRACT.md v1.1): the
 * conversation (the reply to the last turn is judged), the article that answers it and the phrases
 * a correct answer contains.
 */
export const AnswerTestItem = z
  .object({
    name: z.string().trim().min(1).max(200),
    turns: z.array(z.string().trim().min(1).max(LIMITS.messageText)).min(1).max(CONVERSATION_TEST_LIMITS.turns),
    page: PageInfo.optional(),
    expect: z.object({ article: ArticleRef }).strict(),
    mustContain: z.array(z.string().trim().min(1).max(200)).max(CONVERSATION_TEST_LIMITS.phrases).default([]),
  })
  .strict();
export type AnswerTestItem = z.infer<typeof AnswerTestItem>;

/** Characters of an answer's plain text (source line included) that count as "within length". */
export const ANSWER_LENGTH_LIMIT = 700;

export interface AnswerItemResult {
  name: string;
  rightArticle: boolean;
  containsPhrases: boolean;
  withinLength: boolean;
  /** Which phrases were missing. */
  missing: string[];
  outcome: string;
  cited: string[];
  text: string;
}

/** Shares over all items; `score` is the share of items right on all three counts. */
export interface AnswerSuiteFigures {
  total: number;
  rightArticle: number;
  containsPhrases: number;
  withinLength: number;
  score: number;
}
