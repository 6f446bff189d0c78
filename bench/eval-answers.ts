import { readFile } from 'node:fs/promises';
import type { AnswerItemResult, AnswerSuiteFigures, AnswerTestItem } from '../protocol/answer-tests.js';
import {
  answerItemsAsConversations,
  judgeAnswers,
  parseAnswerSuite,
} from '../server/conversation-tests/answer-suite.js';
import { runSuiteOnThrowAwayServer } from './eval-conversations.js';
import { EvalInputError } from './eval-retrieval.js';

/**
 * `npm run eval -- answers FILE... [--json]`: every item of every file runs through the live
 * pipeline on a throw-away demo server (as the conversations eval does), and the reply to its
 * last turn is judged (server/conversation-tests/answer-suite.ts).
 */
export async function runAnswersEval(
  files: readonly string[],
): Promise<{ figures: AnswerSuiteFigures; items: AnswerItemResult[] }> {
  const items: AnswerTestItem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new EvalInputError(`Cannot read ${file}: ${(err as Error).message}`);
    }
    try {
      items.push(...parseAnswerSuite(text, file));
    } catch (err) {
      throw new EvalInputError((err as Error).message);
    }
  }
  const { suite, articles } = await runSuiteOnThrowAwayServer(
    { conversations: answerItemsAsConversations(items) },
    files.join(', '),
  );
  return judgeAnswers(items, suite, articles);
}

/** One row per item (✓/✗ for article, phrases, length), then the failures with what was wrong. */
export function formatAnswersTable(result: { figures: AnswerSuiteFigures; items: AnswerItemResult[] }): string {
  const mark = (b: boolean) => (b ? 'ok ' : 'NO ');
  const rows = result.items.map(
    (r) =>
      `${mark(r.rightArticle)}${mark(r.containsPhrases)}${mark(r.withinLength)} ` +
      `${r.name.slice(0, 50).padEnd(50)} ${r.outcome} -> ${r.cited.join('; ') || '-'}`,
  );
  const failures = result.items
    .filter((r) => !(r.rightArticle && r.containsPhrases && r.withinLength))
    .map((r) => {
      const problems = [
        !r.rightArticle && `cited ${r.cited.join('; ') || 'nothing'} (${r.outcome})`,
        r.missing.length && `missing ${r.missing.map((m) => `"${m}"`).join(', ')}`,
        !r.withinLength && r.text && `${r.text.length} chars`,
      ];
      return `  ${r.name}: ${problems.filter(Boolean).join('; ')}`;
    });
  return ['art phr len', ...rows, '', ...(failures.length ? ['Failures:', ...failures, ''] : [])].join('\n');
}
