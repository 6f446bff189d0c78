import { decideEscalation, DEFAULT_THRESHOLDS, type PolicyThresholds } from '../escalation-policy.js';
import { resolveThresholds, type TierThresholds } from '../policy-thresholds.js';
import type { Stage } from '../stage.js';
import type { Decision, Turn } from '../turn.js';
import { trustedAccount } from '../../visitors/trusted-account.js';

/**
 * Stage 5: answer, clarify or hand off — the policy is a pure function; this stage only gathers its
 * input and resolves the thresholds for this intent and this customer's tier.
 */
export interface DecideDeps {
  thresholds?: PolicyThresholds;
  tiers?: TierThresholds;
  now?: () => Date;
}

/** The policy's decision for this turn with the given retrieval outcome. */
export function decideForTurn(turn: Readonly<Turn>, retrieval: { confident: boolean; topScore: number | null }, deps: DecideDeps = {}): Decision {
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
  return decideEscalation(
    {
      status: turn.status,
      text: turn.text,
      intent: turn.intent,
      sentiment: turn.sentiment,
      loop: turn.loop,
      retrieval,
      account,
      clarifiedLastTurn: lastAi?.meta.kind === 'clarify',
      now: (deps.now ?? (() => new Date()))(),
    },
    thresholds,
  );
}

/**
 * Stage 5: answer, clarify or hand off — the policy is a pure function; this stage only gathers its
 * input and resolves the thresholds for this intent and this customer's tier.
 */
export function createDecideEscalationStage(deps: DecideDeps = {}): Stage<'decision'> {
  return {
    name: 'decide-escalation',
    run(turn) {
      if (!turn.retrieval) throw new Error('decide-escalation needs the retrieve-knowledge stage before it');
      return { decision: decideForTurn(turn, { confident: turn.retrieval.confident, topScore: turn.retrieval.results[0]?.score ?? null }, deps) };
    },
  };
}
