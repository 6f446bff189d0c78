import type { PageInfo, Role } from '../../protocol/domain.js';
import type { BugDraft } from '../../protocol/responses/bug-reports.js';

export type BugReportDraft = BugDraft;

const EXPECTED = /\b(should|supposed to|expected?|used to)\b/i;
const ACTUAL =
  /\b(error|fails?|failed|broken|crash(es|ed)?|doesn'?t|does not|won'?t|can'?t|cannot|not working|nothing happens|stuck|blank|500|404)\b/i;

/**
 * A bug report proposed from the conversation: what the visitor said, where they were and what
 * the host app reported. A template an agent edits, not a verdict.
 */
export function draftBugReport(input: {
  messages: Array<{ role: Role; text: string }>;
  page: PageInfo | null;
  pageTrail: Array<{ url: string }>;
}): BugReportDraft {
  const said = input.messages
    .filter((m) => m.role === 'visitor')
    .map((m) => m.text.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const sentences = said.flatMap((t) => t.split(/(?<=[.!?])\s+/));
  const first = said[0] ?? 'Problem reported in chat';
  const errorState = typeof input.page?.context?.errorState === 'string' ? input.page.context.errorState : null;
  const path = input.page ? pathOf(input.page.url) : null;
  const titleCore = first.length > 90 ? `${first.slice(0, 87).replace(/\s+\S*$/, '')}…` : first;
  return {
    title: `${errorState ? `[${errorState}] ` : ''}${titleCore}`,
    steps: [...new Set(input.pageTrail.slice(-5).map((p) => pathOf(p.url)))]
      .map((p, i) => `${i + 1}. Visit ${p}`)
      .concat(said.slice(0, 3).map((t, i, a) => `${a.length > 1 ? '- ' : ''}Customer: "${t.slice(0, 200)}"`))
      .join('\n'),
    expected: sentences.find((s) => EXPECTED.test(s)) ?? 'It works without an error.',
    actual: sentences.find((s) => ACTUAL.test(s)) ?? (errorState ? `The page reported ${errorState}.` : first),
    pageUrl: path,
    errorState,
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return url;
  }
}
