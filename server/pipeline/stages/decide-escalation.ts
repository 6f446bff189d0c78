import {
  decideEscalation,
  decisionWithoutKnowledge,
  DEFAULT_THRESHOLDS,
  type PolicyThresholds,
  type SignalInput,
} from '../escalation-policy.js';
import { resolveThresholds, type TierThresholds } from '../policy-thresholds.js';
import type { Stage } from '../stage.js';
import type { Turn } from '../turn.js';
import { trustedAccount } from '../../visitors/trusted-account.js';

export interface DecideDeps {
  thresholds?: PolicyThresholds;
  tiers?: TierThresholds;
  now?: () => Date;
}

/** The policy's input known before retrieval, and the thresholds for this intent and this customer's tier. */
function signalInputFor(turn: Readonly<Turn>, deps: DecideDeps): { input: SignalInput; thresholds: PolicyThresholds } {
  if (!turn.intent || !turn.sentiment || !turn.loop) {
    throw new Error('deciding needs the intent, sentiment and loop stages before it');
  }
  const lastAi = [...turn.history].reverse().find((m) => m.role === 'ai');
  // Tier thresholds, high-value and renewal risk only for what the host app proved (verified identity).
  const account = trustedAccount(turn.visitor);
  const thresholds = resolveThresholds({
    base: deps.thresholds ?? DEFAULT_THRESHOLDS,
    intent: turn.intent.definition?.thresholds,
    plan: account.plan,
    tiers: deps.tiers,
  });
  const input: SignalInput = {
    status: turn.status,
    text: turn.text,
    intent: turn.intent,
    sentiment: turn.sentiment,
    loop: turn.loop,
    account,
    clarifiedLastTurn: lastAi?.meta.kind === 'clarify',
    asksForHuman: turn.asksForHuman === true,
    ...(turn.language ? { language: turn.language } : {}),
    now: (deps.now ?? (() => new Date()))(),
  };
  return { input, thresholds };
}

/**
 * Why the knowledge base cannot change this turn's decision (the reason code of the signal rule
 * that decides it), or null when retrieval is needed. A pure function of the stages before retrieval.
 */
export function knowledgeNotNeeded(turn: Readonly<Turn>, deps: DecideDeps = {}): string | null {
  const { input, thresholds } = signalInputFor(turn, deps);
  return decisionWithoutKnowledge(input, thresholds);
}

/**
 * Stage 6: answer, clarify or hand off, once, with everything known: signals, retrieval and the
 * candidate answer's own check. The policy is a pure function; this stage only gathers its input.
 */
export function createDecideEscalationStage(deps: DecideDeps = {}): Stage<'decision'> {
  return {
    name: 'decide-escalation',
    run(turn) {
      if (!turn.retrieval) throw new Error('decide-escalation needs the retrieve-knowledge stage before it');
      const { input, thresholds } = signalInputFor(turn, deps);
      const retrieval = { confident: turn.retrieval.confident, topScore: turn.retrieval.results[0]?.score ?? null };
      const draft =
        turn.draft && !turn.draft.skipped
          ? { grounded: turn.draft.grounded, ...(turn.draft.problem ? { problem: turn.draft.problem } : {}) }
          : null;
      return { decision: decideEscalation({ ...input, retrieval, draft }, thresholds) };
    },
  };
}
