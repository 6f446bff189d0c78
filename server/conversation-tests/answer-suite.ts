import {
  ANSWER_LENGTH_LIMIT,
  AnswerTestItem,
  type AnswerItemResult,
  type AnswerSuiteFigures,
} from '../../protocol/answer-tests.js';
import type { ConversationSuiteResult, ConversationTestCase } from '../../protocol/conversation-tests.js';
import { describeZodError } from '../errors.js';
import { InvalidSuiteError } from './parse-conversation-suite.js';
import { resolveArticleRef, type ArticleIndex } from './resolve-article-ref.js';

/** Parses answer-set JSONL (blank and `#` lines skipped), all or nothing; `label` names the file in problems. */
export function parseAnswerSuite(text: string, label = 'answers'): AnswerTestItem[] {
  const items: AnswerTestItem[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${label} line ${i + 1}: not valid JSON`);
      return;
    }
    const parsed = AnswerTestItem.safeParse(value);
    if (parsed.success) items.push(parsed.data);
    else problems.push(`${label} line ${i + 1}: ${describeZodError(parsed.error)}`);
  });
  if (!problems.length && !items.length) problems.push(`${label}: no items`);
  if (problems.length) throw new InvalidSuiteError(problems);
  return items;
}

/** The conversations the live pipeline runs: each item's turns, expecting an answer citing its article. */
export function answerItemsAsConversations(items: readonly AnswerTestItem[]): ConversationTestCase[] {
  return items.map((item) => ({
    name: item.name,
    turns: item.turns,
    ...(item.page ? { page: item.page } : {}),
    expect: { answer: item.expect.article },
  }));
}

/**
 * Judges the reply to each item's last turn: it answers citing the expected article (rightArticle),
 * contains every phrase (case and spacing ignored), and its text is at most ANSWER_LENGTH_LIMIT
 * characters (an item not answered is not within length). `score`: the share right on all three.
 */
export function judgeAnswers(
  items: readonly AnswerTestItem[],
  suite: ConversationSuiteResult,
  articles: ArticleIndex,
): { figures: AnswerSuiteFigures; items: AnswerItemResult[] } {
  const results = items.map((item, i): AnswerItemResult => {
    const run = suite.results[i]!;
    const last = run.turns[run.turns.length - 1];
    const answered = run.turns.length === item.turns.length && last?.outcome === 'answer';
    const text = answered ? last!.text : '';
    const wanted = resolveArticleRef(articles, item.expect.article);
    const cited = answered ? last!.citations.map((c) => c.title) : [];
    const normalized = normalize(text);
    const missing = item.mustContain.filter((p) => !normalized.includes(normalize(p)));
    return {
      name: item.name,
      rightArticle: answered && wanted !== null && last!.citations.some((c) => c.articleId === wanted.id),
      containsPhrases: answered && missing.length === 0,
      withinLength: answered && text.length <= ANSWER_LENGTH_LIMIT,
      missing,
      outcome: last
        ? `${last.outcome}${last.decision ? ` (${last.decision.reasonCode})` : ''}` +
          `${run.turns.length < item.turns.length ? ` at turn ${run.turns.length}` : ''}`
        : 'none',
      cited,
      text,
    };
  });
  const share = (f: (r: AnswerItemResult) => boolean) =>
    results.length ? round(results.filter(f).length / results.length) : 0;
  return {
    figures: {
      total: results.length,
      rightArticle: share((r) => r.rightArticle),
      containsPhrases: share((r) => r.containsPhrases),
      withinLength: share((r) => r.withinLength),
      score: share((r) => r.rightArticle && r.containsPhrases && r.withinLength),
    },
    items: results,
  };
}

const normalize = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const round = (n: number) => Math.round(n * 10_000) / 10_000;
