import { randomUUID } from 'node:crypto';
import type { PageInfo, Role } from '../../protocol/domain.js';
import type {
  ConversationSuiteResult,
  ConversationTestCase,
  ConversationTestResult,
  ConversationTestTurn,
} from '../../protocol/conversation-tests.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import type { AnyStage } from '../pipeline/stage.js';
import type { Turn, TurnInput } from '../pipeline/turn.js';
import { nextConversationLanguage } from '../../knowledge/detect-language.js';
import type { Language } from '../../protocol/messages/languages.js';
import { resolveArticleRef, type ArticleIndex } from './resolve-article-ref.js';

export type { ConversationSuiteResult, ConversationTestResult, ConversationTestTurn };

export interface ConversationSuiteRunner {
  run(cases: readonly ConversationTestCase[]): Promise<ConversationSuiteResult>;
}

/**
 * Runs test conversations through the live pipeline (the same stages, knowledge base and intents
 * the visitor socket uses), each in a fresh conversation that exists only in memory: nothing is
 * stored, queued, routed or sent to webhooks, so a suite can run on a production server.
 *
 * Judging (documented in README, "Conversation tests"):
 * - every turn before the last must not hand off (a handoff ends the conversation: a person takes over);
 * - `answer: ref`: the last turn is an answer that cites the article `ref` names;
 * - `handoff: true`: the last turn hands off;
 * - `noAnswer: true`: the last turn does not answer from the knowledge base (a question back, a
 *   handoff or a reply citing no article are fine);
 * - `mustContain`: each phrase appears in the last turn's text (case and spacing ignored).
 */
export function createConversationSuiteRunner(deps: {
  stages: () => readonly AnyStage[];
  kb: Pick<KnowledgeBase, 'listArticles'>;
}): ConversationSuiteRunner {
  return {
    async run(cases) {
      const started = performance.now();
      const articles: ArticleIndex = await deps.kb.listArticles();
      const results: ConversationTestResult[] = [];
      for (const c of cases) results.push(await runOne(deps.stages(), articles, c));
      const passed = results.filter((r) => r.passed).length;
      return {
        total: results.length,
        passed,
        failed: results.length - passed,
        results,
        ms: Math.round(performance.now() - started),
      };
    },
  };
}

async function runOne(
  stages: readonly AnyStage[],
  articles: ArticleIndex,
  c: ConversationTestCase,
): Promise<ConversationTestResult> {
  const started = performance.now();
  const conversationId = randomUUID();
  const page: PageInfo | null = typeof c.page === 'string' ? { url: c.page, title: '' } : (c.page ?? null);
  const at = new Date().toISOString();
  const history: TurnInput['history'] = [];
  const turns: ConversationTestTurn[] = [];
  let previousTrajectory: TurnInput['previousTrajectory'] = null;
  const problems: string[] = [];
  // Detected turn by turn as the live service does (server/conversations/conversation-service.ts).
  let language: Language | null = null;

  for (const [i, text] of c.turns.entries()) {
    language = nextConversationLanguage(text, { conversation: language });
    const input: TurnInput = {
      conversationId,
      messageId: randomUUID(),
      text,
      status: 'bot',
      page,
      pageTrail: page ? [{ url: page.url, title: page.title, at }] : [],
      visitor: { id: `conversation-test:${conversationId}`, ...c.visitor, verified: true },
      history: [...history],
      previousTrajectory,
      language,
    };
    let turn: Turn;
    let timings: Array<{ stage: string; ms: number }>;
    try {
      ({ turn, timings } = await runPipeline(stages, input));
    } catch (err) {
      // The live responder hands off on a pipeline failure; the test reports it as such.
      problems.push(
        `turn ${i + 1}: the pipeline failed (${err instanceof Error ? err.message : String(err)}); ` +
          `a visitor would be handed off`,
      );
      turns.push(failedTurn(text));
      break;
    }
    const record = describeTurn(text, turn, timings);
    turns.push(record);
    // The history the next turn sees, with the meta the turn runner stores (server/pipeline/turn-runner.ts).
    history.push({ role: 'visitor', text, meta: visitorMeta(turn) });
    if (turn.sentiment) previousTrajectory = turn.sentiment.trajectory;
    if (record.outcome === 'handoff') {
      if (i < c.turns.length - 1)
        problems.push(
          `turn ${i + 1} handed off (${record.decision?.reasonCode ?? 'unknown'}) before the conversation ended`,
        );
      break;
    }
    if (record.outcome === 'answer' || record.outcome === 'clarify') {
      history.push({
        role: 'ai' as Role,
        text: record.text,
        meta: { kind: record.outcome, reasonCode: record.decision?.reasonCode, citations: record.citations },
      });
    }
  }

  const last = turns[turns.length - 1]!;
  const cited = last.citations[0] ? { id: last.citations[0].articleId, title: last.citations[0].title } : null;
  if (turns.length === c.turns.length && !problems.length) problems.push(...judge(c, last, articles));
  return {
    name: c.name,
    passed: problems.length === 0,
    problems,
    expect: c.expect,
    got: {
      outcome: last.outcome,
      reasonCode: last.decision?.reasonCode ?? null,
      intent: last.trace.intent?.name ?? null,
      article: cited,
      text: last.text,
      turn: turns.length,
    },
    turns,
    ms: Math.round(performance.now() - started),
  };
}

function judge(c: ConversationTestCase, last: ConversationTestTurn, articles: ArticleIndex): string[] {
  const problems: string[] = [];
  const what = `${last.outcome}${last.decision ? ` (${last.decision.reasonCode})` : ''}`;
  if ('answer' in c.expect) {
    const wanted = resolveArticleRef(articles, c.expect.answer);
    if (!wanted)
      problems.push(`no article in the knowledge base matches "${c.expect.answer}" (use an id, a title or a url slug)`);
    else if (last.outcome !== 'answer') problems.push(`expected an answer citing "${wanted.title}", got ${what}`);
    else if (!last.citations.some((x) => x.articleId === wanted.id)) {
      problems.push(
        `expected an answer citing "${wanted.title}", ` +
          `it cited ` +
          `${last.citations.length ? last.citations.map((x) => `"${x.title}"`).join(', ') : 'no article'}`,
      );
    }
  } else if ('handoff' in c.expect) {
    if (last.outcome !== 'handoff') problems.push(`expected a handoff, got ${what}`);
  } else if (last.outcome === 'answer' && last.citations.length > 0) {
    problems.push(`expected no answer from the knowledge base, it answered citing "${last.citations[0]!.title}"`);
  }
  const normalized = normalize(last.text);
  for (const phrase of c.mustContain ?? []) {
    if (!normalized.includes(normalize(phrase))) problems.push(`the last reply does not contain "${phrase}"`);
  }
  return problems;
}

function describeTurn(
  visitor: string,
  turn: Turn,
  timings: Array<{ stage: string; ms: number }>,
): ConversationTestTurn {
  const { decision, reply, intent, sentiment, retrieval } = turn;
  return {
    visitor,
    outcome: reply?.kind ?? 'none',
    decision: decision
      ? { action: decision.action, reasonCode: decision.reasonCode, reason: decision.reason, urgent: decision.urgent }
      : null,
    ...(reply?.handoff ? { handoffReason: reply.handoff.reason } : {}),
    text: reply?.text ?? '',
    citations: reply?.citations ?? [],
    trace: {
      intent: intent
        ? {
            name: intent.intent,
            confidence: intent.confidence,
            ranked: intent.ranked.slice(0, 3).map((r) => ({ intent: r.intent, confidence: r.confidence })),
          }
        : null,
      sentiment: sentiment
        ? { score: sentiment.score, signals: sentiment.signals, trajectory: sentiment.trajectory }
        : null,
      loop: turn.loop ?? null,
      retrieval: retrieval
        ? {
            confident: retrieval.confident,
            results: retrieval.results
              .slice(0, 3)
              .map((r) => ({ articleId: r.articleId, title: r.title, score: r.score })),
          }
        : null,
      timings,
    },
  };
}

function visitorMeta(turn: Turn): Record<string, unknown> {
  return {
    intent: turn.intent ? { name: turn.intent.intent, confidence: turn.intent.confidence } : null,
    sentiment: turn.sentiment
      ? { score: turn.sentiment.score, signals: turn.sentiment.signals, trajectory: turn.sentiment.trajectory }
      : null,
  };
}

function failedTurn(visitor: string): ConversationTestTurn {
  return {
    visitor,
    outcome: 'handoff',
    decision: null,
    text: '',
    citations: [],
    trace: { intent: null, sentiment: null, loop: null, retrieval: null, timings: [] },
  };
}

const normalize = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
