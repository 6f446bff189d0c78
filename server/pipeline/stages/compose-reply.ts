import type { Citation, Handoff } from '../../../protocol/domain.js';
import { trustedAccount } from '../../visitors/trusted-account.js';
import { writeHandoffBrief } from '../../conversations/handoff-brief.js';
import { handoffPriority } from '../../routing/priority.js';
import type { HandoffSummarizer } from '../../llm/llm-handoff-summary.js';
import type { Stage } from '../stage.js';
import { say } from '../../../protocol/messages/catalogue.js';
import type { Reply, Turn } from '../turn.js';

/**
 * Stage 7: render the decision as what the visitor sees — the drafted answer, a question back, or
 * a handoff brief. It never decides: the reply's kind is always the decision's action.
 */
export function createComposeReplyStage(deps: {
  now?: () => Date;
  /** Writes a short summary on top of the handoff brief (a language model is configured). */
  summarizer?: HandoffSummarizer;
}): Stage<'reply'> {
  const now = deps.now ?? (() => new Date());
  const handoffFor = async (turn: Readonly<Turn>, at: Date): Promise<Handoff> => {
    if (!deps.summarizer) return buildHandoff(turn, at);
    const messages = [
      ...turn.history.map((m) => ({ role: m.role, text: m.text })),
      { role: 'visitor', text: turn.text },
    ];
    // A failed summary never blocks the handoff: the brief says it is unavailable, and why.
    const summary = await deps.summarizer.summarize({ messages, reason: turn.decision!.reason }).then(
      (text) => ({ text }),
      (err: unknown) => ({ unavailable: err instanceof Error ? err.message : String(err) }),
    );
    return buildHandoff(turn, at, summary);
  };
  return {
    name: 'compose-reply',
    async run(turn) {
      const d = turn.decision;
      if (!d || !turn.intent || !turn.sentiment) throw new Error('compose-reply needs a decision');
      switch (d.action) {
        case 'wait':
          return { reply: { kind: 'none', text: '', citations: [] } };
        case 'clarify':
          return { reply: clarify(turn) };
        case 'handoff':
          return { reply: { kind: 'handoff', text: '', citations: [], handoff: await handoffFor(turn, now()) } };
        case 'answer': {
          if (d.reasonCode === 'small_talk')
            return { reply: { kind: 'answer', text: say(turn.language, 'greeting'), citations: [] } };
          if (d.reasonCode === 'thanks')
            return { reply: { kind: 'answer', text: say(turn.language, 'thanks'), citations: [] } };
          if (d.reasonCode === 'thanks_while_waiting')
            return { reply: { kind: 'answer', text: say(turn.language, 'thanksWaiting'), citations: [] } };
          if (d.reasonCode === 'small_talk_while_waiting')
            return { reply: { kind: 'answer', text: say(turn.language, 'greetingWaiting'), citations: [] } };
          const draft = turn.draft;
          // The policy answers from the knowledge base only with a grounded draft; anything else is a bug upstream.
          if (!draft || draft.skipped || !draft.grounded)
            throw new Error(`compose-reply: decision "${d.reasonCode}" has no grounded draft to render`);
          const prefix = d.reasonCode === 'answer_while_waiting' ? say(turn.language, 'waitingNote') : '';
          const rich = draft.rich && prefix ? [{ p: [prefix.trim()] }, ...draft.rich] : draft.rich;
          return {
            reply: { kind: 'answer', text: prefix + draft.text, citations: draft.citations, ...(rich ? { rich } : {}) },
          };
        }
      }
    },
  };
}

function clarify(turn: Readonly<Turn>): Reply {
  const options = (turn.intent?.ranked ?? []).slice(0, 2).map((r) => r.intent.replace(/_/g, ' '));
  return {
    kind: 'clarify',
    text: say(turn.language, 'clarify', { options: options.join(` ${say(turn.language, 'or')} `) }),
    citations: [],
  };
}

function buildHandoff(turn: Readonly<Turn>, at: Date, summary?: { text: string } | { unavailable: string }): Handoff {
  const d = turn.decision!;
  const intent = turn.intent!;
  const sentiment = turn.sentiment!;
  const aiAnswers = turn.history
    .filter((m) => m.role === 'ai')
    .map((m) => ({ text: m.text, citations: Array.isArray(m.meta.citations) ? (m.meta.citations as Citation[]) : [] }));
  const brief = writeHandoffBrief({
    text: turn.text,
    visitor: turn.visitor,
    page: turn.page,
    pageTrail: turn.pageTrail,
    intent,
    sentiment,
    decision: d,
    aiAnswers,
    visitorMessages: [...turn.history.filter((m) => m.role === 'visitor').map((m) => m.text), turn.text],
    earlier: turn.history.map((m) => ({
      role: m.role,
      text: m.text,
      intent: (m.meta.intent as { name?: string | null } | null | undefined)?.name ?? null,
      asksForHuman:
        m.meta.asksForHuman === true ||
        (
          (m.meta.sentiment as { signals?: Array<{ name: string; value: number }> } | null | undefined)?.signals ?? []
        ).some((s) => s.name === 'human_request' && s.value >= 0.5),
      citations: Array.isArray(m.meta.citations) ? (m.meta.citations as Citation[]) : [],
    })),
    ...(summary ? { summary } : {}),
    ...(turn.language ? { language: turn.language } : {}),
    now: at,
  });
  return {
    reason: d.reason,
    signals: d.signals,
    brief,
    priority: handoffPriority({
      severity: intent.definition?.severity ?? 1,
      urgent: d.urgent,
      sentiment: sentiment.trajectory.smoothed,
      // An unverified identity's plan and account value never raise priority.
      ...trustedAccount(turn.visitor),
    }),
    intent: intent.intent,
    skill: intent.definition?.skill ?? null,
    ...(turn.language ? { language: turn.language } : {}),
    urgent: d.urgent,
    sentiment: sentiment.trajectory.smoothed,
    createdAt: at.toISOString(),
  };
}
